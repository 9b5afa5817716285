import { describe, expect, it } from "vitest";
import { WorkGate } from "./work-gate";

describe("WorkGate", () => {
  it("runs `inFlight` at once, queues `queue` more, and refuses the rest at once", async () => {
    const gate = new WorkGate(2, 1);
    const [a, b, c] = [gate.enter(), gate.enter(), gate.enter()];
    expect(gate.enter()).toBeNull();
    expect(gate.load()).toEqual({ running: 2, waiting: 1 });
    let cStarted = false;
    void c!.ready.then(() => (cStarted = true));
    await a!.ready;
    await b!.ready;
    await Promise.resolve();
    expect(cStarted).toBe(false);
    a!.release();
    a!.release(); // twice changes nothing
    await c!.ready;
    expect(cStarted).toBe(true);
    expect(gate.load()).toEqual({ running: 2, waiting: 0 });
    b!.release();
    c!.release();
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("gives a queued place back without taking a slot", () => {
    const gate = new WorkGate(1, 2);
    const running = gate.enter()!;
    const queued = gate.enter()!;
    queued.release();
    expect(gate.load()).toEqual({ running: 1, waiting: 0 });
    running.release();
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("never lets more than `inFlight` run, however many come and go", async () => {
    const gate = new WorkGate(3, 100);
    let now = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const ticket = gate.enter()!;
        await ticket.ready;
        peak = Math.max(peak, ++now);
        await new Promise((r) => setTimeout(r, i % 3));
        now -= 1;
        ticket.release();
      }),
    );
    expect(peak).toBe(3);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });
});
