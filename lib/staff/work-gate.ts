/**
 * A small semaphore with a bounded queue, for work that must not crowd out everything else
 * (here: Argon2 password checks, which each hold a CPU core and 19 MiB). Up to `inFlight` run at
 * once, up to `queue` wait; beyond that enter() answers null at once, and the caller says "busy,
 * try again" without doing the work.
 */
export type GateTicket = {
  /** Resolves when this ticket may start its work. */
  ready: Promise<void>;
  /** Ends the work, or gives up the place in the queue; calling it again does nothing. */
  release(): void;
};

type Waiter = { start: () => void; started: boolean };

export class WorkGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly inFlight: number,
    readonly queue: number,
  ) {
    if (!(Number.isInteger(inFlight) && inFlight >= 1 && Number.isInteger(queue) && queue >= 0)) {
      throw new Error("WorkGate needs a whole inFlight >= 1 and queue >= 0");
    }
  }

  /** A place to run, or null when `inFlight` run and `queue` wait already. */
  enter(): GateTicket | null {
    if (this.running < this.inFlight) {
      this.running += 1;
      return this.ticket({ start: () => undefined, started: true }, Promise.resolve());
    }
    if (this.waiting.length >= this.queue) return null;
    const waiter: Waiter = { start: () => undefined, started: false };
    const ready = new Promise<void>((resolve) => (waiter.start = resolve));
    this.waiting.push(waiter);
    return this.ticket(waiter, ready);
  }

  /** How many run and how many wait. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private ticket(waiter: Waiter, ready: Promise<void>): GateTicket {
    let released = false;
    return {
      ready,
      release: () => {
        if (released) return;
        released = true;
        if (waiter.started) this.handOn();
        else this.waiting.splice(this.waiting.indexOf(waiter), 1);
      },
    };
  }

  /** A slot came free: the next in line takes it (the count stays), or it is given back. */
  private handOn() {
    const next = this.waiting.shift();
    if (!next) {
      this.running -= 1;
      return;
    }
    next.started = true;
    next.start();
  }
}
