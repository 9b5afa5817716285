import type { User } from "../fixtures/facts";
import { html } from "./html";
import { page } from "./layout";

export interface LoginView {
  next: string;
  error?: string;
  username?: string;
  /** Logins to show as a hint (the fixtures). */
  hints: User[];
  syntheticCount: number;
}

export function loginPage(view: LoginView): string {
  return page(
    "Sign in",
    html`<h1>Sign in</h1>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ""}
<form method="post" action="/login">
<input type="hidden" name="next" value="${view.next}">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required value="${view.username ?? ""}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<div class="card">
<p>Sandbox logins (password <code>demo-password</code>):</p>
<ul>${view.hints.map((u) => html`<li><code>${u.username}</code></li>`)}</ul>
${view.syntheticCount > 0 ? html`<p>Synthetic users <code>user-000001</code> to <code>user-${String(view.syntheticCount).padStart(6, "0")}</code>.</p>` : ""}
</div>`,
  );
}
