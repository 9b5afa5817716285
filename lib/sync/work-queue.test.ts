/** The per-connection queue of requests: its width, tasks added while others run, and a failure. */
import { describe, expect, it } from "vitest";
import { WorkQueue } from "./work-queue";

/** A task that runs until released (with an error: it fails); `state` says whether it started and ended. */
function held(log: string[], name: string) {
  let release!: (error?: Error) => void;
  const state = { started: false, ended: false };
  const task = () => {
    state.started = true;
    log.push(`start ${name}`);
    return new Promise<void>((resolve, reject) => (release = (error) => (error ? reject(error) : resolve()))).finally(() => {
      state.ended = true;
      log.push(`end ${name}`);
    });
  };
  return { task, state, release: (error?: Error) => release(error) };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("WorkQueue", () => {
  it("runs at most `width` tasks at once, in the order added, and tasks added while others run", async () => {
    const log: string[] = [];
    const queue = new WorkQueue(2);
    const [a, b, c] = [held(log, "a"), held(log, "b"), held(log, "c")];
    queue.add(a.task);
    queue.add(b.task);
    queue.add(c.task);
    const finished = queue.finished();
    await tick();
    expect([a.state.started, b.state.started, c.state.started]).toEqual([true, true, false]);
    const d = held(log, "d");
    queue.add(d.task); // added by a running task, as a page naming a Practitioner does
    a.release();
    await tick();
    expect([c.state.started, d.state.started]).toEqual([true, false]);
    b.release();
    await tick();
    expect(d.state.started).toBe(true);
    c.release();
    d.release();
    await finished;
    expect(log).toEqual(["start a", "start b", "end a", "start c", "end b", "start d", "end c", "end d"]);
  });

  it("after a failure starts nothing more, waits for the running tasks, then rejects with the first failure", async () => {
    const log: string[] = [];
    const queue = new WorkQueue(2);
    const [a, b, c] = [held(log, "a"), held(log, "b"), held(log, "c")];
    [a, b, c].forEach((t) => queue.add(t.task));
    let settled = false;
    const finished = queue.finished().finally(() => (settled = true));
    finished.catch(() => undefined);
    await tick();
    a.release(new Error("the connection is no longer active"));
    await tick();
    expect(c.state.started).toBe(false);
    expect(settled).toBe(false); // b still runs
    b.release(new Error("a later failure"));
    await expect(finished).rejects.toThrow(/no longer active/);
    expect(c.state.started).toBe(false);
  });

  it("finishes at once when nothing was added", async () => {
    await expect(new WorkQueue(4).finished()).resolves.toBeUndefined();
  });
});
