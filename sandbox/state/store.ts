/** The sandbox's state in memory, with token indexes. Every change calls `onChange` (the state file listens). */
import type { Client, Code, Grant, StateSnapshot, TokenPair } from "./model";

export class Store {
  private readonly clients = new Map<string, Client>();
  private readonly codes = new Map<string, Code>();
  private readonly grants = new Map<string, Grant>();
  private readonly byAccessToken = new Map<string, Grant>();
  private readonly byRefreshToken = new Map<string, Grant>();
  onChange: () => void = () => {};

  constructor(snapshot?: StateSnapshot) {
    for (const client of snapshot?.clients ?? []) this.clients.set(client.id, client);
    for (const code of snapshot?.codes ?? []) this.codes.set(code.code, code);
    for (const grant of snapshot?.grants ?? []) this.indexGrant(grant);
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      clients: [...this.clients.values()],
      grants: [...this.grants.values()],
      codes: [...this.codes.values()],
    };
  }

  counts(): { clients: number; grants: number } {
    return { clients: this.clients.size, grants: this.grants.size };
  }

  addClient(client: Client): void {
    this.clients.set(client.id, client);
    this.onChange();
  }

  client(id: string): Client | undefined {
    return this.clients.get(id);
  }

  addCode(code: Code, now: number): void {
    for (const [key, old] of this.codes) if (old.expiresAt < now) this.codes.delete(key);
    this.codes.set(code.code, code);
    this.onChange();
  }

  code(code: string): Code | undefined {
    return this.codes.get(code);
  }

  markCodeUsed(code: Code, grantId: string): void {
    code.usedBy = grantId;
    this.onChange();
  }

  addGrant(grant: Grant): void {
    this.indexGrant(grant);
    this.onChange();
  }

  grant(id: string): Grant | undefined {
    return this.grants.get(id);
  }

  grantByAccessToken(token: string): Grant | undefined {
    return this.byAccessToken.get(token);
  }

  grantByRefreshToken(token: string): Grant | undefined {
    return this.byRefreshToken.get(token);
  }

  /** Replace a grant's token pair (rotation) or drop it (null); the old tokens stop working at once. */
  setTokens(grant: Grant, tokens: TokenPair | null): void {
    this.unindexTokens(grant);
    grant.tokens = tokens;
    if (tokens) {
      this.byAccessToken.set(tokens.accessToken, grant);
      if (tokens.refreshToken) this.byRefreshToken.set(tokens.refreshToken, grant);
    }
    this.onChange();
  }

  /** Mark a grant as changed in place (expiry edits). */
  touch(): void {
    this.onChange();
  }

  deleteGrant(grant: Grant): void {
    this.unindexTokens(grant);
    this.grants.delete(grant.id);
    this.onChange();
  }

  findGrants(filter: { clientId?: string; username?: string }): Grant[] {
    return [...this.grants.values()].filter(
      (g) =>
        (filter.clientId === undefined || g.clientId === filter.clientId) &&
        (filter.username === undefined || g.username === filter.username),
    );
  }

  private indexGrant(grant: Grant): void {
    this.grants.set(grant.id, grant);
    if (grant.tokens) {
      this.byAccessToken.set(grant.tokens.accessToken, grant);
      if (grant.tokens.refreshToken) this.byRefreshToken.set(grant.tokens.refreshToken, grant);
    }
  }

  private unindexTokens(grant: Grant): void {
    if (!grant.tokens) return;
    this.byAccessToken.delete(grant.tokens.accessToken);
    if (grant.tokens.refreshToken) this.byRefreshToken.delete(grant.tokens.refreshToken);
  }
}
