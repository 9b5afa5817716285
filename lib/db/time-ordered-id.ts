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
let tail = randomBytes(256);
let tailAt = 0;

export function timeOrderedId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else counter++;
  if (tailAt + 6 > tail.length) {
    tail = randomBytes(256);
    tailAt = 0;
  }
  const random = tail.toString("hex", tailAt, (tailAt += 6));
  // 11 hex digits of milliseconds last until the year 2527; 6 of counter, 4,096 × 4,096 ids a millisecond.
  return `c${lastMs.toString(16).padStart(11, "0")}${counter.toString(16).padStart(6, "0")}${random}`;
}
