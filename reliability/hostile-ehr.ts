/**
 * A tiny hostile EHR (node:http) for what the sandbox cannot produce: a SMART configuration, an
 * authorize endpoint that approves at once, and a token endpoint and Patient read that answer
 * badly on purpose (missing or mistyped fields, huge or very slow bodies, redirects to another
 * host, hostile FHIR content). The mode is switched in-process between enrollments. Also counts
 * requests that reach "another host" (127.0.0.1 instead of localhost), so the run can prove the
 * portal never followed a redirect there with a code or a secret.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";

export const TOKEN_MODES = [
  "missing-patient",
  "patient-number",
  "patient-traversal",
  "patient-oversized",
  "missing-access-token",
  "access-token-number",
  "access-token-oversized",
  "token-type-mac",
  "expires-in-words",
  "huge-body",
  "slow-body",
  "invalid-json",
  "html-200",
  "html-500",
  "empty-body",
  "json-array",
  "json-null",
  "redirect-other-host",
  "error-invalid-grant",
] as const;
export const PATIENT_MODES = ["patient-xss", "patient-other-id", "patient-huge", "patient-invalid-json", "patient-html", "patient-wrong-type"] as const;
export type TokenMode = (typeof TOKEN_MODES)[number] | "ok";
export type PatientMode = (typeof PATIENT_MODES)[number] | "ok";

export const XSS_NAME = `<script>alert("xss")</script><img src=x onerror=alert(1)>`;

export type HostileEhr = {
  url: string;
  fhirBase: string;
  clientId: string;
  clientSecret: string;
  mode: { token: TokenMode; patient: PatientMode; patientId: string };
  /** Requests that reached the "other host", with whether they carried a code or credentials. */
  otherHostHits: { withCredentials: boolean }[];
  /** Every token this EHR issued (for the leak scans). */
  issued: string[];
  close(): Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

export async function startHostileEhr(port: number): Promise<HostileEhr> {
  const url = `http://localhost:${port}`;
  const fhirBase = `${url}/fhir`;
  const servers: Server[] = [];
  const ehr: HostileEhr = {
    url,
    fhirBase,
    clientId: "hostile-client",
    clientSecret: `hostile-secret-${randomBytes(12).toString("hex")}`,
    mode: { token: "ok", patient: "ok", patientId: "hostile-1" },
    otherHostHits: [],
    issued: [],
    close: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    }))).then(() => undefined),
  };

  const token = (res: ServerResponse) => {
    const access = `hostile-access-${randomBytes(16).toString("hex")}`;
    const refresh = `hostile-refresh-${randomBytes(16).toString("hex")}`;
    ehr.issued.push(access, refresh);
    const good = { access_token: access, token_type: "Bearer", expires_in: 3600, scope: "launch/patient patient/*.read offline_access", refresh_token: refresh, patient: ehr.mode.patientId };
    switch (ehr.mode.token) {
      case "ok": return json(res, 200, good);
      case "missing-patient": return json(res, 200, { ...good, patient: undefined });
      case "patient-number": return json(res, 200, { ...good, patient: 12345 });
      case "patient-traversal": return json(res, 200, { ...good, patient: "../../Patient/other" });
      case "patient-oversized": return json(res, 200, { ...good, patient: "p".repeat(100_000) });
      case "missing-access-token": return json(res, 200, { ...good, access_token: undefined });
      case "access-token-number": return json(res, 200, { ...good, access_token: 42 });
      case "access-token-oversized": return json(res, 200, { ...good, access_token: "a".repeat(5000) });
      case "token-type-mac": return json(res, 200, { ...good, token_type: "mac" });
      case "expires-in-words": return json(res, 200, { ...good, expires_in: "soon" });
      case "huge-body": {
        res.writeHead(200, { "content-type": "application/json" });
        res.write(`{"access_token":"${access}","token_type":"Bearer","patient":"${ehr.mode.patientId}","padding":"`);
        const block = "x".repeat(64 * 1024);
        for (let i = 0; i < 6 * 16; i++) res.write(block); // 6 MB
        return res.end(`"}`);
      }
      case "slow-body": {
        // Headers at once, then one byte a second: the body never completes within EHR_TIMEOUT_MS.
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{");
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 1000);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "invalid-json":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(`{"access_token":"${access}","token_type":"Bearer",`);
      case "html-200":
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html><body><h1>Welcome</h1><p>Please sign in</p></body></html>");
      case "html-500":
        res.writeHead(500, { "content-type": "text/html" });
        return res.end("<html><body><h1>Internal Server Error</h1><pre>at Object.handler (/srv/ehr/token.js:12)</pre></body></html>");
      case "empty-body":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end();
      case "json-array": return json(res, 200, [good]);
      case "json-null": return json(res, 200, null);
      case "redirect-other-host":
        res.writeHead(307, { location: `http://127.0.0.1:${port}/other-host/token` });
        return res.end();
      case "error-invalid-grant": return json(res, 400, { error: "invalid_grant", error_description: `<script>alert(1)</script> ${"x".repeat(5000)}` });
    }
  };

  const patient = (res: ServerResponse, id: string) => {
    const good = { resourceType: "Patient", id, name: [{ family: "Hostile", given: ["Harriet"] }], gender: "female", birthDate: "1970-01-01" };
    switch (ehr.mode.patient) {
      case "ok": return json(res, 200, good);
      case "patient-xss": return json(res, 200, { ...good, name: [{ family: XSS_NAME, given: [`"><svg onload=alert(1)>`] }], text: { status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml">${XSS_NAME}</div>` } });
      case "patient-other-id": return json(res, 200, { ...good, id: "someone-else" });
      case "patient-huge": return json(res, 200, { ...good, name: [{ family: "H".repeat(3_000_000) }] });
      case "patient-invalid-json":
        res.writeHead(200, { "content-type": "application/fhir+json" });
        return res.end(`{"resourceType":"Patient","id":"${id}",`);
      case "patient-html":
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html><body>Maintenance</body></html>");
      case "patient-wrong-type": return json(res, 200, { resourceType: "Bundle", type: "searchset", entry: [{ resource: good }] });
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", url);
    const host = req.headers.host ?? "";
    if (host.startsWith("127.0.0.1")) {
      const body = await readBody(req);
      ehr.otherHostHits.push({ withCredentials: Boolean(req.headers.authorization) || /code=|client_secret|assertion/.test(body) });
      return json(res, 200, { access_token: "other-host-token", token_type: "Bearer", patient: "other-host" });
    }
    // Discovery that points the portal at the cloud metadata service, directly or by a redirect.
    if (u.pathname === "/pointer/fhir/.well-known/smart-configuration") {
      return json(res, 200, { authorization_endpoint: "http://169.254.169.254/authorize", token_endpoint: "http://169.254.169.254/latest/meta-data/iam", capabilities: ["launch-standalone"] });
    }
    if (u.pathname.startsWith("/redirect/fhir/")) {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    if (u.pathname === "/fhir/.well-known/smart-configuration") {
      return json(res, 200, {
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        capabilities: ["launch-standalone", "client-confidential-symmetric", "context-standalone-patient", "permission-offline", "permission-patient"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
        grant_types_supported: ["authorization_code", "refresh_token"],
        scopes_supported: ["launch/patient", "patient/*.read", "offline_access"],
      });
    }
    if (u.pathname === "/fhir/metadata") return json(res, 200, { resourceType: "CapabilityStatement", fhirVersion: "4.0.1", rest: [{ mode: "server" }] });
    if (u.pathname === "/authorize") {
      const back = new URL(u.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", randomBytes(15).toString("hex"));
      back.searchParams.set("state", u.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (u.pathname === "/token" && req.method === "POST") {
      await readBody(req);
      return token(res);
    }
    const read = /^\/fhir\/Patient\/([^/]+)$/.exec(u.pathname);
    if (read) return patient(res, decodeURIComponent(read[1]!));
    return json(res, 404, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "not-found" }] });
  };

  for (const host of ["127.0.0.1", "::1"]) {
    const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, () => resolve()));
    servers.push(server);
  }
  return ehr;
}
