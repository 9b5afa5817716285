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
import { ATTEMPT_COOKIE, authCookies } from "./cookies";
import { smartProvider } from "./smart-provider";

/**
 * next-auth for participants: one SMART provider per health system, built per request from the
 * database (the client of a per-participant registration comes from the pending attempt). The
 * session is a JWT that carries the participant id only: never a token.
 */
async function buildProviders(request?: NextRequest) {
  const context = enrollmentContext.getStore();
  // The callback already loaded its health system and client (participant-callback.ts).
  if (context?.signIn) return [smartProvider(context.signIn.healthSystem, context.signIn.client, ehrTimeoutMs())];
  const attemptId = context?.attemptId ?? request?.cookies.get(ATTEMPT_COOKIE)?.value;
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
  const providers = await buildProviders(request);
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    basePath: "/api/auth",
    session: { strategy: "jwt", maxAge: 60 * 60 },
    cookies: authCookies("participant"),
    pages: { signIn: "/connect", error: "/connect/problem" },
    providers,
    callbacks: {
      signIn: () => completeFromCallback(),
      jwt({ token, account }) {
        if (!account) return token;
        const participantId = enrollmentContext.getStore()?.participantId;
        return { sub: participantId, kind: "participant" };
      },
      session({ session, token }) {
        return { expires: session.expires, user: { id: token.kind === "participant" ? (token.sub ?? "") : "" } } as typeof session;
      },
    },
    logger: {
      error: (error) => console.error(JSON.stringify({ level: "error", event: "auth.error", name: error.name, type: (error as { type?: string }).type })),
      warn: () => undefined,
      debug: () => undefined,
    },
  };
});

/** The signed-in participant's id, or null. Pages and actions call this; lib/data checks it again. */
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
