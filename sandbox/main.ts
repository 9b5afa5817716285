/** `npm run sandbox`: the sandbox EHR alone, on SANDBOX_PORT (default 9000), loopback only. */
import { optionsFromEnv } from "./env";
import { PortInUseError, startSandbox, type RunningSandbox } from "./server";

let running: RunningSandbox | undefined;
let stopping = false;

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`sandbox: ${signal}, stopping.`);
  if (!running) process.exit(0);
  void running.close().then(() => process.exit(0));
}

async function main(): Promise<void> {
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const env = optionsFromEnv(process.env);
  if (!env.ok) {
    console.error(`sandbox: ${env.message}`);
    process.exit(1);
  }
  try {
    running = await startSandbox(env.options);
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(`sandbox: port ${error.port} is already in use; stop the other process or set SANDBOX_PORT to a free port.`);
    } else {
      console.error(`sandbox: could not start: ${(error as Error).message}`);
    }
    process.exit(1);
  }
}

void main();
