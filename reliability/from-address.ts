/**
 * HTTP from a chosen loopback address (127.0.0.x), so the run can play several clients against
 * the portal, which sees each connection's socket address (scripts/portal-server.ts): an attacker
 * here, the real staff member there. Keeps its cookies like a browser would, one jar per client.
 */
import { request } from "node:http";

export type Answer = { status: number; location: string; body: string; setCookies: string[] };

export class AddressClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly localAddress: string,
    private readonly portalUrl: string,
  ) {}

  fetch(path: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
    const url = new URL(path, this.portalUrl);
    const all: Record<string, string> = { ...headers, connection: "close" };
    if (this.cookies.size > 0) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (body !== undefined) all["content-length"] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: url.port, path: `${url.pathname}${url.search}`, method, headers: { ...all, host: url.host }, localAddress: this.localAddress, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const setCookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
          for (const cookie of setCookies) {
            const [pair = ""] = cookie.split(";");
            const eq = pair.indexOf("=");
            if (pair.slice(eq + 1) === "" || /max-age=0/i.test(cookie)) this.cookies.delete(pair.slice(0, eq));
            else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
          }
          resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ""), body: Buffer.concat(chunks).toString("utf8"), setCookies });
        });
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${path} from ${this.localAddress} timed out`)));
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  /**
   * One staff sign-in through next-auth's credentials endpoint, as the sign-in form's browser
   * would send it; answers what the portal said: "signed in", or the refusal's code
   * ("credentials" for a checked wrong password, "wait-3", "rate_limited", "busy", …).
   */
  async signIn(email: string, password: string, extraHeaders: Record<string, string> = {}): Promise<string> {
    const csrf = JSON.parse((await this.fetch("/api/staff-auth/csrf")).body) as { csrfToken: string };
    const answer = await this.fetch("/api/staff-auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(this.portalUrl).origin, ...extraHeaders },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, callbackUrl: `${this.portalUrl}/dashboard` }).toString(),
    });
    const location = new URL(answer.location || "/", this.portalUrl);
    if (location.searchParams.has("error")) return location.searchParams.get("code") ?? location.searchParams.get("error") ?? "error";
    return answer.setCookies.some((c) => /staff\.session=/.test(c)) ? "signed in" : `answered ${answer.status} → ${answer.location}`;
  }
}
