/** Starting and stopping a sandbox in-process: `startSandbox(options)` is what `main.ts`, tests and benchmarks call. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createApp } from "./app";
import { printBanner } from "./banner";
import { createDeps } from "./deps";
import { listenLoopback } from "./listen";
import { startMailCatcher, type MailCatcher } from "./mail/catcher";
import { resolveConfig, type SandboxOptions } from "./options";
import { loadStateFile, persistStore, type StateFileWriter } from "./state/persist";
import { Store } from "./state/store";

export type { SandboxOptions } from "./options";
export { PortInUseError } from "./listen";

export interface RunningSandbox {
  /** Public base URL, e.g. `http://localhost:9000`. */
  url: string;
  port: number;
  /** `${url}/api/fhir`: the s4s profile's FHIR DSTU2 base. */
  s4sFhirBase: string;
  /** `${url}/v2/fhir`: the smart-v2 profile's FHIR R4 base. */
  v2FhirBase: string;
  /** The mail catcher (SMTP on 127.0.0.1:`mail.port`), when `mailPort` was given and the port was free. */
  mail?: MailCatcher;
  /** Stop listening, drop open connections and flush the state file. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  // Refuse bad options before taking a port (the real configuration needs the port, known only once listening).
  resolveConfig(options, options.port ?? 9000);
  let writer: StateFileWriter | undefined;
  let snapshot;
  if (options.stateFile) {
    const loaded = loadStateFile(options.stateFile);
    if (loaded.warning) console.warn(`sandbox: ${loaded.warning}`);
    snapshot = loaded.snapshot;
  }
  const store = new Store(snapshot);

  // The public URL may name the port, which is only known once listening; until then, answer 503.
  const ready: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const { port, servers } = await listenLoopback((req, res) => {
    if (ready.handle) return ready.handle(req, res);
    res.writeHead(503, { "Retry-After": "1" }).end();
  }, options.port ?? 9000);

  const config = resolveConfig(options, port);
  const mail = options.mailPort === undefined ? undefined : await startMailCatcherOrWarn(options.mailPort);
  const deps = createDeps(config, store, mail);
  const app = createApp(deps);
  ready.handle = getRequestListener(app.fetch);
  if (options.stateFile) writer = persistStore(store, options.stateFile);
  if (!options.quiet) printBanner(deps, options.stateFile);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      // After the last request: nothing can change the state once it is flushed.
      writer?.stop();
      await mail?.close();
    })();
    return closing;
  };
  return { url: config.url, port, s4sFhirBase: config.s4sFhirBase, v2FhirBase: config.v2FhirBase, ...(mail && { mail }), close };
}

/** A taken SMTP port leaves the sandbox EHR running without its mail catcher (one line says so). */
async function startMailCatcherOrWarn(port: number): Promise<MailCatcher | undefined> {
  try {
    return await startMailCatcher({ port });
  } catch (error) {
    const inUse = (error as { code?: string }).code === "EADDRINUSE";
    console.warn(`sandbox: mail catcher not started: ${inUse ? `port ${port} is already in use (set SANDBOX_SMTP_PORT to a free port, or off)` : (error as Error).message}.`);
    return undefined;
  }
}
