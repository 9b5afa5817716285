/**
 * Work-arounds for bugs in Prisma 6.19's JavaScript schema-engine path (`engine: "js"`), which
 * we use because the Rust schema engine would have to be downloaded. Each is named with the
 * bug it works around; delete it when Prisma fixes that bug. Used by prisma.config.ts only.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { sqliteAdapter } from "./adapters";
import { providerOf } from "./provider";

/**
 * prisma/prisma#27403: every migrate command on PostgreSQL fails with "Column type 'name' could
 * not be deserialized": the adapter does not know PostgreSQL's system types. Report them as
 * text (25) and text[] (1009), which is what they are to the migration engine.
 */
const SYSTEM_TYPE_AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 24: 25, 2205: 25, 1002: 1009, 1003: 1009 };

type Field = { dataTypeID: number };
type PerformIO = (query: unknown) => Promise<{ fields: Field[] }>;

function patchSystemTypes<T extends object>(queryable: T): T {
  const target = queryable as unknown as { performIO: PerformIO };
  const original = target.performIO.bind(queryable);
  target.performIO = async (query) => {
    const result = await original(query);
    for (const field of result.fields) field.dataTypeID = SYSTEM_TYPE_AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
  return queryable;
}

/**
 * The adapter Prisma's CLI uses for migrations. On PostgreSQL it also gives `pg` discrete
 * connection fields, because `connectionString` overrides `database` in `pg`, which made the
 * adapter's "shadow database" the main one (a second known bug of this path).
 */
export function migrationAdapter(databaseUrl: string) {
  if (providerOf(databaseUrl) === "sqlite") return sqliteAdapter(databaseUrl);
  const url = new URL(databaseUrl);
  const adapter = new PrismaPg({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)),
    ssl: url.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  });
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => patchSystemTypes(await connect());
  return adapter;
}
