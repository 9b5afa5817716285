/** zod at the trust boundary: parse what a health system sent, or say (in our words) what was wrong. */
import type { z } from "zod";
import { fail, invalidResponse, ok, type Result } from "./result";

/**
 * Parses `data` with `schema`. On failure the problem names the document and the field, using
 * zod's messages, which describe types and limits but never echo the received values.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  what: string,
  status?: number,
): Result<z.output<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return fail(invalidResponse(`${what}: ${field}${issue?.message ?? "invalid"}`, status));
}
