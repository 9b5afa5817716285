/**
 * Row ids for tables the sync appends to in bulk (FhirResource, RecordTypeState): shaped like
 * Prisma's cuid (a "c", then lowercase hex), but starting with the time, so ids made later sort
 * later. Random ids put each insert on a random page of the primary key's index: a first pass over
 * 1,000 connections of 200 resources dirtied a different index page for almost every row, and each
 * commit wrote those pages again. Ordered ids append at the index's right edge. Unique across
 * processes by the random tail; ordered within a process by the counter. Framework-free.
 */
import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;
/** "c" and the milliseconds in hex, made once per millisecond. */
let prefix = "";
/** Random hex, 12 digits an id, drawn 4 KB at a time (one call to the random source per 341 ids). */
let tail = "";
let tailAt = 0;

export function timeOrderedId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
    // 11 hex digits of milliseconds last until the year 2527; 6 of counter, 4,096 × 4,096 ids a millisecond.
    prefix = `c${lastMs.toString(16).padStart(11, "0")}`;
  } else counter++;
  if (tailAt + 12 > tail.length) {
    tail = randomBytes(2048).toString("hex");
    tailAt = 0;
  }
  return `${prefix}${counter.toString(16).padStart(6, "0")}${tail.slice(tailAt, (tailAt += 12))}`;
}
