/** Test configuration: fixed test-only secrets, and the database the project's global setup made. */
import { inject } from "vitest";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.TOKEN_ENCRYPTION_KEY ??= "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
process.env.LOG_LEVEL ??= "silent";
const databaseUrl = inject("databaseUrl" as never) as string | undefined;
if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
