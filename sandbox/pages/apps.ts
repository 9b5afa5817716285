import { html } from "./html";
import { page } from "./layout";

export interface AppsView {
  username: string;
  csrf: string;
  notice?: string;
  grants: { id: string; appName: string; patientName: string; profile: string; scope: string; until: string }[];
}

/** The signed-in user's authorizations, each with a "Revoke" button. */
export function appsPage(v: AppsView): string {
  return page(
    "Authorized apps",
    html`<h1>Authorized apps</h1>
<p>Signed in as <strong>${v.username}</strong>.</p>
${v.notice ? html`<p role="status">${v.notice}</p>` : ""}
${v.grants.length === 0 ? html`<p>No app can see your health records.</p>` : ""}
${v.grants.map(
  (g) => html`<div class="card">
<dl>
<dt>App</dt><dd>${g.appName}</dd>
<dt>Patient</dt><dd>${g.patientName}</dd>
<dt>Shared until</dt><dd>${g.until}</dd>
<dt>Access</dt><dd><code>${g.scope}</code> (${g.profile})</dd>
</dl>
<form method="post" action="/revoke/${g.id}">
<input type="hidden" name="csrf" value="${v.csrf}">
<button type="submit" class="secondary">Revoke ${g.appName}</button>
</form>
</div>`,
)}
<form method="post" action="/logout">
<input type="hidden" name="csrf" value="${v.csrf}">
<button type="submit" class="secondary">Sign out</button>
</form>`,
  );
}
