/** A tiny cookie-keeping "browser" that drives the sandbox's HTML forms with fetch (no real browser needed). */

export interface FormChoice {
  /** Visible text of the submit button to press. */
  button: string;
  /** Values to type into fields (by name). */
  fields?: Record<string, string>;
  /** Checkbox values to clear (by `name=value`). */
  uncheck?: string[];
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : decode(m[1]);
};
const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const target = new URL(url, this.origin);
    // Like a browser posting a page's own form: state-changing requests say where they come from
    // (the portal refuses a POST without Origin). A case that forges another site passes its own.
    if (init.method && !["GET", "HEAD"].includes(init.method.toUpperCase()) && !headers.has("origin")) headers.set("origin", target.origin);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(target, { ...init, headers, redirect: "manual" });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(cookie)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    return res;
  }

  /** A second browser holding copies of this one's cookies (as someone who copied them would). */
  copy(): Browser {
    const other = new Browser(this.origin);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  /** The value of one cookie, when this browser holds it. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Submit the form that holds the button named `choice.button`, on a page whose HTML is `page`. */
  async submit(page: string, choice: FormChoice): Promise<Response> {
    for (const [, open = "", inner = ""] of page.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
      const buttons = [...inner.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)];
      const button = buttons.find(([, , text]) => decode(text ?? "").trim() === choice.button);
      if (!button) continue;
      const body = new URLSearchParams();
      for (const [tag] of inner.matchAll(/<input[^>]*>/g)) {
        const name = attr(tag, "name");
        if (!name || /\sdisabled/.test(tag)) continue;
        const value = attr(tag, "value") ?? "";
        if (attr(tag, "type") === "checkbox" && (!/\schecked/.test(tag) || choice.uncheck?.includes(`${name}=${value}`))) continue;
        body.append(name, choice.fields?.[name] ?? value);
      }
      const name = attr(button[1] ?? "", "name");
      if (name) body.append(name, attr(button[1] ?? "", "value") ?? "");
      return this.fetch(attr(open, "action") ?? "", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    }
    throw new Error(`No form with a button "${choice.button}" on the page:\n${page.slice(0, 2000)}`);
  }
}

export interface SignIn {
  username: string;
  password?: string;
  /** The patient to pick when the user represents several. */
  patient?: string;
  decision?: "Approve" | "Do not approve";
  shareUntil?: string;
  uncheck?: string[];
}

/**
 * Run an authorization in the browser: sign in, pick a patient, answer the consent.
 * Returns the URL the sandbox finally redirects to (the client's redirect_uri), or the last page when it does not.
 */
export async function authorizeInBrowser(browser: Browser, authorizeUrl: string, who: SignIn): Promise<{ redirect?: URL; page?: Response; pages: string[] }> {
  const pages: string[] = [];
  let res = await browser.fetch(authorizeUrl);
  for (let step = 0; step < 10; step++) {
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, browser.origin);
      if (next.origin !== browser.origin) return { redirect: next, pages };
      res = await browser.fetch(next.toString());
      continue;
    }
    if (res.status !== 200) return { page: res, pages };
    const page = await res.text();
    pages.push(page);
    if (page.includes('name="password"')) {
      res = await browser.submit(page, { button: "Sign in", fields: { username: who.username, password: who.password ?? "demo-password" } });
    } else if (page.includes("Who are you representing?")) {
      res = await browser.submit(page, { button: who.patient ?? "" });
    } else if (page.includes('name="share_until"')) {
      res = await browser.submit(page, {
        button: who.decision ?? "Approve",
        ...(who.shareUntil ? { fields: { share_until: who.shareUntil } } : {}),
        uncheck: who.uncheck ?? [],
      });
    } else {
      return { page: new Response(page, { status: 200 }), pages };
    }
  }
  throw new Error("Too many steps in the authorization flow.");
}
