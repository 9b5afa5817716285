/**
 * The portal's /api/fhir route handlers, called in process: a fetch-like function for the
 * data-layer tests that routes a URL to the same route modules `next start` serves.
 */
import * as token from "../app/api/fhir/auth/token/route";
import * as metadata from "../app/api/fhir/metadata/route";
import * as smartConfiguration from "../app/api/fhir/.well-known/smart-configuration/route";
import * as group from "../app/api/fhir/Group/[id]/route";
import * as operation from "../app/api/fhir/Group/[id]/[operation]/route";
import * as status from "../app/api/fhir/bulk-status/[id]/route";
import * as files from "../app/api/fhir/bulk-files/[id]/[file]/route";
import * as other from "../app/api/fhir/[...path]/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "DELETE" | "PUT" | "PATCH", Handler>>;

const routes: [RegExp, Module, string[]][] = [
  [/^\/api\/fhir\/auth\/token$/, token as unknown as Module, []],
  [/^\/api\/fhir\/metadata$/, metadata as unknown as Module, []],
  [/^\/api\/fhir\/\.well-known\/smart-configuration$/, smartConfiguration as unknown as Module, []],
  [/^\/api\/fhir\/Group\/([^/]+)$/, group as unknown as Module, ["id"]],
  [/^\/api\/fhir\/Group\/([^/]+)\/([^/]+)$/, operation as unknown as Module, ["id", "operation"]],
  [/^\/api\/fhir\/bulk-status\/([^/]+)$/, status as unknown as Module, ["id"]],
  [/^\/api\/fhir\/bulk-files\/([^/]+)\/([^/]+)$/, files as unknown as Module, ["id", "file"]],
  [/^\/api\/fhir\/(.*)$/, other as unknown as Module, ["path"]],
];

export async function fhirApiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(url, init);
  const path = new URL(url).pathname;
  for (const [pattern, module, names] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    const handler = module[request.method as keyof Module];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response(null, { status: 404 });
}
