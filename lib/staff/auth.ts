import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authCookies } from "../auth/cookies";
import { env } from "../env";
import { auditStaffSignIn } from "../data/staff-sign-in-audit";
import { checkStaffCredentials } from "./sign-in";

/** The sign-in page tells a locked account (or a busy IP) apart from a wrong password. */
class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

const credentialsSchema = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });

const clientIp = (request: Request) =>
  request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown";

/**
 * next-auth for study staff: a second instance beside the participants' (own base path, own
 * cookies, so the two sign-ins never share a session). The JWT carries the staff user id only;
 * role and disabled are re-read on every request (lib/staff/session.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  basePath: "/api/staff-auth",
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  cookies: authCookies("staff"),
  pages: { signIn: "/staff/sign-in", error: "/staff/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const outcome = await checkStaffCredentials(parsed.data.email, parsed.data.password, clientIp(request));
        await auditStaffSignIn(parsed.data.email, outcome);
        if (outcome.ok) return { id: outcome.id };
        if (outcome.reason === "invalid") return null;
        throw new TooManyAttempts();
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) return { sub: user.id, kind: "staff" };
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.kind === "staff" ? (token.sub ?? "") : "" } } as typeof session;
    },
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
