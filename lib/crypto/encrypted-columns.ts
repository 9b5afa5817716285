/**
 * Every encrypted column of the schema (prisma/models.prisma), listed once. Used by:
 * - the sealing itself: a sealed value is bound to its table, column and row (SealContext);
 * - the database client: Prisma's global `omit` leaves every one of them out of every query, so
 *   only a lib/data function that selects one explicitly ever reads it (lib/db/client.ts);
 * - key rotation (lib/data/key-rotation.ts) and the leak scans (e2e, reliability).
 * A test checks this list against the models: a new `…Enc` column must be added here.
 * Framework-free, so the tests and scripts share it.
 */
export const ENCRYPTED_COLUMNS = [
  { table: "HealthSystem", model: "healthSystem", key: "id", column: "clientSecretEnc" },
  { table: "Connection", model: "connection", key: "id", column: "accessTokenEnc" },
  { table: "Connection", model: "connection", key: "id", column: "refreshTokenEnc" },
  { table: "Connection", model: "connection", key: "id", column: "clientSecretEnc" },
  { table: "EnrollmentAttempt", model: "enrollmentAttempt", key: "id", column: "clientSecretEnc" },
  { table: "ClientKey", model: "clientKey", key: "kid", column: "privateJwkEnc" },
  { table: "WebhookEndpoint", model: "webhookEndpoint", key: "id", column: "secretEnc" },
  { table: "DirectorySource", model: "directorySource", key: "id", column: "clientSecretEnc" },
  { table: "EmailMessage", model: "emailMessage", key: "id", column: "contentEnc" },
] as const;

export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];
export type EncryptedTable = EncryptedColumn["table"];
type ColumnsOf<T extends EncryptedTable> = Extract<EncryptedColumn, { table: T }>["column"];

/**
 * Where a sealed value lives: its table, column and row (the row's primary key). Sealing binds
 * the value to it, so a value copied to another row or column no longer opens.
 */
export type SealContext = { [T in EncryptedTable]: { table: T; column: ColumnsOf<T>; rowId: string } }[EncryptedTable];

/** A table with its encrypted columns (what key rotation and the leak scans walk). */
export type EncryptedTableColumns = { table: EncryptedTable; model: EncryptedColumn["model"]; key: string; columns: string[] };

export const ENCRYPTED_TABLES: readonly EncryptedTableColumns[] = Object.values(
  ENCRYPTED_COLUMNS.reduce<Record<string, EncryptedTableColumns>>((tables, { table, model, key, column }) => {
    (tables[table] ??= { table, model, key, columns: [] }).columns.push(column);
    return tables;
  }, {}),
);

type OmitEncrypted = { [M in EncryptedColumn["model"]]: { [C in Extract<EncryptedColumn, { model: M }>["column"]]: true } };

/** Prisma's global `omit` option: every encrypted column, per model. */
export const OMIT_ENCRYPTED = ENCRYPTED_COLUMNS.reduce(
  (omit, { model, column }) => ({ ...omit, [model]: { ...(omit as Record<string, object>)[model], [column]: true } }),
  {} as OmitEncrypted,
);
