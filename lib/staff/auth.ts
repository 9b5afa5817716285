import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { beginSession, continueSession, endSession, sessionMaxAgeSeconds } from "../auth/auth-session";
import { authCookies } from "../auth/cookies";
import { env } from "../env";
import { addressBucket, clientAddress } from "../security/client-address";
import { checkStaffCredentials, type SignInOutcome } from "./sign-in";
import { auditStaffSignIn } from "../data/staff-sign-in-audit";

/** A refusal the sign-in page words differently from a wrong password: `code` names it. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/** `wait-<minutes>`, `rate_limited` or `busy` (lib/staff/sign-in-words.ts words them). */
const refusalCode = (outcome: Exclude<SignInOutcome, { ok: true } | { reason: "invalid" }>) =>
  outcome.reason === "wait" ? `wait-${Math.max(1, Math.ceil((outcome.retryAt.getTime() - Date.now()) / 60_000))}` : outcome.reason;

const credentialsSchema = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });

/**
 * next-auth for study staff: a second instance beside the participants' (own base path, own
 * cookies, so the two sign-ins never share a session). The JWT carries the staff user id and the
 * session id only: the session row is checked on every read (lib/auth/auth-session.ts), and role
 * and disabled are re-read on every request (lib/staff/session.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  basePath: "/api/staff-auth",
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds("staff") },
  cookies: authCookies("staff"),
  pages: { signIn: "/staff/sign-in", error: "/staff/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const outcome = await checkStaffCredentials(parsed.data.email, parsed.data.password, addressBucket(clientAddress(request)));
        await auditStaffSignIn(parsed.data.email, outcome);
        if (outcome.ok) return { id: outcome.id };
        if (outcome.reason === "invalid") return null;
        throw new SignInRefused(refusalCode(outcome));
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) return beginSession("staff", user.id);
      return continueSession(token, "staff");
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.kind === "staff" ? (token.sub ?? "") : "" } } as typeof session;
    },
  },
  events: {
    signOut: (message) => endSession("token" in message ? message.token : null),
  },
  logger: {
    error: (error) => {
      const type = (error as { type?: string }).type;
      // A refused password is expected (and counted in the database), not an error.
      const level = type === "CredentialsSignin" ? "info" : "error";
      console.error(JSON.stringify({ level, event: level === "info" ? "staff_auth.sign_in_refused" : "staff_auth.error", name: error.name, type }));
    },
    warn: () => undefined,
    debug: () => undefined,
  },
}));
