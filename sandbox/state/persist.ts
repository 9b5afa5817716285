/** Keeps the store in a JSON file: loaded at start, written atomically (temp file + rename), debounced. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { stateFileSchema, type StateSnapshot } from "./model";
import type { Store } from "./store";

const DEBOUNCE_MS = 100;

export type LoadResult = { snapshot: StateSnapshot | undefined; warning: string | undefined };

export function loadStateFile(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { snapshot: undefined, warning: undefined };
    return { snapshot: undefined, warning: `Could not read ${path}; starting with empty state.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { snapshot: undefined, warning: `${path} is not valid JSON; starting with empty state.` };
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    return { snapshot: undefined, warning: `${path} is not a sandbox state file; starting with empty state.` };
  }
  return { snapshot: parsed.data, warning: undefined };
}

export interface StateFileWriter {
  /** Write now if anything changed since the last write. */
  flush(): void;
  stop(): void;
}

export function persistStore(store: Store, path: string): StateFileWriter {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    try {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(store.snapshot()));
      renameSync(temp, path);
    } catch (error) {
      console.error(`sandbox: could not save state to ${path}: ${(error as Error).message}`);
    }
  };
  store.onChange = () => {
    dirty = true;
    timer ??= setTimeout(write, DEBOUNCE_MS);
  };
  return {
    flush: write,
    stop: () => {
      write();
      store.onChange = () => {};
    },
  };
}
