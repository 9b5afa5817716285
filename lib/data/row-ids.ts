import { randomBytes } from "node:crypto";

/**
 * A new row id made before the insert (lowercase letters and digits, shaped like Prisma's cuid):
 * a sealed value is bound to its row's id, so the id must be known when the value is sealed.
 */
export const newRowId = () => `c${randomBytes(12).toString("hex")}`;
