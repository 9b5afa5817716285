/**
 * npm run staff:add -- --email <email> --role admin|coordinator|viewer [--password <password>]
 * Creates a study staff account. Without --password it asks (input hidden). An email that
 * already has an account is reported, not duplicated.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../lib/staff/password";
import { STAFF_ROLES } from "../lib/staff/roles";
import { createStaffUser } from "../lib/data/staff-accounts";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";

const USAGE = "Usage: npm run staff:add -- --email <email> --role admin|coordinator|viewer [--password <password>]";

function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped input: read one line.
    const rl = createInterface({ input: process.stdin });
    return new Promise((resolve) => rl.once("line", (line) => (resolve(line), rl.close())).once("close", () => resolve("")));
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    output._writeToOutput = (s: string) => process.stdout.write(s.includes(question) ? s : ""); // hide what is typed
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

runMain(async () => {
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, password: { type: "string" } } });
  const email = z.email().safeParse(values.email?.trim());
  if (!email.success) fail(`--email must be an email address.\n${USAGE}`);
  const role = z.enum(STAFF_ROLES).safeParse(values.role);
  if (!role.success) fail(`--role must be one of: ${STAFF_ROLES.join(", ")}.\n${USAGE}`);
  const password = values.password ?? (await askHidden("Password: "));
  if (password.length < MIN_PASSWORD_LENGTH) fail(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  const result = await createStaffUser({ email: email.data, role: role.data, password });
  if (!result.ok) fail(`A staff account for ${email.data.toLowerCase()} already exists; nothing was changed.`);
  console.log(`Added staff account ${email.data.toLowerCase()} (${role.data}).`);
  process.exit(0);
});
