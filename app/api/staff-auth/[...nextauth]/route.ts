import { handlers } from "@/lib/staff/auth";

/** next-auth's routes for study staff (credentials sign-in, session, sign-out). */
export const { GET, POST } = handlers;
