/** Short-lived browser state, kept in memory only: sign-in sessions and authorization requests in progress. */
import type { Profile } from "./model";
import { randomToken } from "../util/random";

const SESSION_MS = 8 * 60 * 60 * 1000;
const REQUEST_MS = 30 * 60 * 1000;
const MAX_ENTRIES = 20_000;

export interface Session {
  id: string;
  username: string;
  csrf: string;
  expiresAt: number;
}

/** A validated authorize request waiting for sign-in, a patient and a decision. */
export interface PendingAuthorization {
  id: string;
  profile: Profile;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge: string | null;
  /** The session that first continued this request; no other session may. */
  sessionId: string | null;
  patientId: string | null;
  expiresAt: number;
}

/** A Map that forgets expired entries, and its oldest ones when full. */
class ExpiringMap<T extends { expiresAt: number }> {
  private readonly entries = new Map<string, T>();
  set(id: string, value: T, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
      const oldest = this.entries.keys().next();
      if (this.entries.size >= MAX_ENTRIES && !oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(id, value);
  }
  get(id: string, now: number): T | undefined {
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt <= now) this.entries.delete(id);
    return entry && entry.expiresAt > now ? entry : undefined;
  }
  delete(id: string): void {
    this.entries.delete(id);
  }
}

export class Sessions {
  private readonly sessions = new ExpiringMap<Session>();
  private readonly requests = new ExpiringMap<PendingAuthorization>();

  signIn(username: string, now: number): Session {
    const session = { id: randomToken(40), username, csrf: randomToken(30), expiresAt: now + SESSION_MS };
    this.sessions.set(session.id, session, now);
    return session;
  }
  session(id: string | undefined, now: number): Session | undefined {
    return id ? this.sessions.get(id, now) : undefined;
  }
  signOut(id: string): void {
    this.sessions.delete(id);
  }

  addRequest(fields: Omit<PendingAuthorization, "id" | "expiresAt" | "sessionId" | "patientId">, now: number): PendingAuthorization {
    const request = { ...fields, id: randomToken(30), sessionId: null, patientId: null, expiresAt: now + REQUEST_MS };
    this.requests.set(request.id, request, now);
    return request;
  }
  request(id: string, now: number): PendingAuthorization | undefined {
    return this.requests.get(id, now);
  }
  finishRequest(id: string): void {
    this.requests.delete(id);
  }
}
