/**
 * A background loop: `tick` every `everyMs` (the next one after the previous ends, so ticks never
 * overlap), errors logged under `name`, the timer unref'd so it never keeps a process alive.
 * `stop()` waits for a running tick. `isStopping` lets a long tick end early. Framework-free.
 */
import { log } from "../log";

export type PeriodicJob = { stop(): Promise<void> };

export function startPeriodic(name: string, everyMs: number, tick: (isStopping: () => boolean) => Promise<void>, onStop?: () => void): PeriodicJob {
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const isStopping = () => stopping;
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      running = tick(isStopping)
        .catch((error: unknown) => log.error(`${name}.tick_failed`, { error: error instanceof Error ? error.message : String(error) }))
        .finally(schedule);
    }, everyMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
      onStop?.();
    },
  };
}
