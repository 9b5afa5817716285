/**
 * Remembers `read(key)` for `ms` in this process (the promise itself, so concurrent callers share
 * one read): for health-system settings a sync pass asks for at every connection.
 */
export function rememberFor<T>(ms: number, read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key) => {
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < ms) return hit.value;
    const value = read(key);
    entries.set(key, { at: Date.now(), value });
    return value;
  };
}
