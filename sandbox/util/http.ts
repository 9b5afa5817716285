/** Reading request input strictly: one value per parameter, the right content type, well-formed JSON. */
import type { Context } from "hono";
import { fail, ok, type Result } from "./result";

/** Parameters with one value each; `multi` names the ones that may repeat. */
export class Params {
  constructor(private readonly search: URLSearchParams) {}
  get(name: string): string | undefined {
    return this.search.get(name) ?? undefined;
  }
  all(name: string): string[] {
    return this.search.getAll(name);
  }
  names(): string[] {
    return [...new Set(this.search.keys())];
  }
}

export function singleValued(search: URLSearchParams, multi: readonly string[] = []): Result<Params, string> {
  const seen = new Set<string>();
  for (const key of search.keys()) {
    if (seen.has(key) && !multi.includes(key)) return fail(`The parameter "${key}" appears more than once.`);
    seen.add(key);
  }
  return ok(new Params(search));
}

export function queryParams(c: Context, multi: readonly string[] = []): Result<Params, string> {
  return singleValued(new URL(c.req.url).searchParams, multi);
}

function contentType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

async function bodyText(c: Context): Promise<string | undefined> {
  try {
    return await c.req.text();
  } catch {
    return undefined;
  }
}

/** An `application/x-www-form-urlencoded` body. */
export async function readForm(c: Context, multi: readonly string[] = []): Promise<Result<Params, string>> {
  if (contentType(c) !== "application/x-www-form-urlencoded") {
    return fail("Send the parameters as application/x-www-form-urlencoded.");
  }
  const text = await bodyText(c);
  if (text === undefined) return fail("The request body could not be read.");
  return singleValued(new URLSearchParams(text), multi);
}

/** A JSON object body. */
export async function readJsonObject(c: Context): Promise<Result<Record<string, unknown>, string>> {
  if (contentType(c) !== "application/json") return fail("Send the body as application/json.");
  const text = await bodyText(c);
  if (text === undefined) return fail("The request body could not be read.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail("The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("The body must be a JSON object.");
  return ok(value as Record<string, unknown>);
}
