/** Prints one plain line (no stack trace) and exits with code 1. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Runs a script's main function; any unexpected error becomes one line and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
}
