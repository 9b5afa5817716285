import "server-only";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getHealthSystemClient, listHealthSystemConfigs } from "../data/health-systems";
import { getOpenAttempt } from "../data/enrollment-attempts";
import { participantSession, type ParticipantSession } from "../data/callers";
import { completeFromCallback } from "../enrollment/complete";
import { enrollmentContext } from "../enrollment/context";
import { env } from "../env";
import { ehrTimeoutMs } from "../health-systems/policy";
import { beginSession, continueSession, endSession, sessionMaxAgeSeconds } from "./auth-session";
import { attemptCookieName, authCookies } from "./cookies";
import { EMAIL_LINK_PROVIDER, emailLinkProvider } from "./email-link-provider";
import { smartProvider } from "./smart-provider";

/**
 * next-auth for participants: one SMART provider per health system, built per request from the
 * database (the client of a per-participant registration comes from the pending attempt), and
 * the emailed one-time link (email-link-provider.ts) for coming back. The session is a JWT that
 * carries the participant id and its session row's id only: never a token.
 */
async function buildProviders(request?: NextRequest) {
  const context = enrollmentContext.getStore();
  // The callback already loaded its health system and client (participant-callback.ts).
  if (context?.signIn) return [smartProvider(context.signIn.healthSystem, context.signIn.client, ehrTimeoutMs())];
  const attemptId = context?.attemptId ?? request?.cookies.get(attemptCookieName())?.value;
  const attempt = attemptId ? await getOpenAttempt(attemptId) : null;
  const healthSystems = await listHealthSystemConfigs();
  return Promise.all(
    healthSystems.map(async (hs) => {
      const forThisAttempt = attempt?.healthSystemId === hs.id;
      const client = forThisAttempt ? (attempt?.client ?? (await getHealthSystemClient(hs.id))) : null;
      return smartProvider(hs, client, ehrTimeoutMs());
    }),
  );
}

export const { handlers, auth, signIn, signOut } = NextAuth(async (request?: NextRequest) => {
  const providers = [...(await buildProviders(request)), emailLinkProvider()];
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    basePath: "/api/auth",
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds("participant") },
    cookies: authCookies("participant"),
    pages: { signIn: "/connect", error: "/connect/problem" },
    providers,
    callbacks: {
      // An emailed link was checked (and used up) by its provider; a health system's callback completes the enrollment.
      signIn: ({ account }) => (account?.provider === EMAIL_LINK_PROVIDER ? true : completeFromCallback()),
      // A server-side session row (lib/auth/auth-session.ts): started at sign-in, checked on every read.
      async jwt({ token, account, user }) {
        if (!account) return continueSession(token, "participant");
        const participantId = account.provider === EMAIL_LINK_PROVIDER ? user?.id : enrollmentContext.getStore()?.participantId;
        return participantId ? beginSession("participant", participantId) : null;
      },
      session({ session, token }) {
        return { expires: session.expires, user: { id: token.kind === "participant" ? (token.sub ?? "") : "" } } as typeof session;
      },
    },
    events: {
      signOut: (message) => endSession("token" in message ? message.token : null),
    },
    logger: {
      error: (error) => console.error(JSON.stringify({ level: "error", event: "auth.error", name: error.name, type: (error as { type?: string }).type })),
      warn: () => undefined,
      debug: () => undefined,
    },
  };
});

/**
 * The signed-in participant's id, or null (auth() checks the cookie's session row: signed out or
 * past its end means null). Pages and actions call this; lib/data checks it again.
 */
export async function currentParticipantId(): Promise<string | null> {
  const session = await auth();
  const id = session?.user?.id;
  return id ? id : null;
}

/** The signed-in participant as the caller lib/data functions take, or null. */
export async function currentParticipant(): Promise<ParticipantSession | null> {
  const id = await currentParticipantId();
  return id ? participantSession(id) : null;
}
