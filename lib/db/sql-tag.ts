/**
 * Prisma's SQL template tag, for the few queries the typed client cannot say (the directory's
 * search and index upkeep). Values are always bound parameters, never spliced. Write SQL both
 * databases run: double-quoted identifiers, TRUE/FALSE literals, no provider-only functions.
 */
import { Prisma } from "./generated/sqlite/client";

export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;
/** A fixed SQL fragment (never user input): an alias made from a loop counter, say. */
export const raw = Prisma.raw;
export type Sql = Prisma.Sql;
