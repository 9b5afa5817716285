import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENCRYPTED_COLUMNS, ENCRYPTED_TABLES, OMIT_ENCRYPTED } from "./encrypted-columns";

/** The models' `…Enc` columns, read from prisma/models.prisma. */
function encryptedColumnsOfTheModels(): string[] {
  const models = readFileSync("prisma/models.prisma", "utf8");
  const found: string[] = [];
  for (const [, name, body] of models.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, column] of body!.matchAll(/^\s+(\w+Enc)\s/gm)) found.push(`${name}.${column}`);
  }
  return found.sort();
}

describe("the list of encrypted columns", () => {
  it("names every encrypted column of the models, and nothing else", () => {
    expect(ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual(encryptedColumnsOfTheModels());
  });

  it("groups them by table for rotation and gives Prisma an omit for each", () => {
    expect(ENCRYPTED_TABLES.find((t) => t.table === "Connection")?.columns).toEqual(["accessTokenEnc", "refreshTokenEnc", "clientSecretEnc"]);
    expect(OMIT_ENCRYPTED).toEqual({
      healthSystem: { clientSecretEnc: true },
      connection: { accessTokenEnc: true, refreshTokenEnc: true, clientSecretEnc: true },
      enrollmentAttempt: { clientSecretEnc: true },
      clientKey: { privateJwkEnc: true },
      webhookEndpoint: { secretEnc: true },
      directorySource: { clientSecretEnc: true },
      emailMessage: { contentEnc: true },
    });
  });
});
