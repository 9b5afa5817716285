import { DATA_CATEGORIES, type DataCategory } from "../fhir/resource";
import { html } from "./html";
import { PROVIDER_NAME, page } from "./layout";

export const CATEGORY_LABELS: Record<DataCategory, string> = {
  patient: "Demographics (always shared)",
  medications: "Medications",
  allergies: "Allergies",
  immunizations: "Immunizations",
  problems: "Problems (conditions)",
  procedures: "Procedures",
  "vital-signs": "Vital signs",
  laboratory: "Laboratory results",
  smoking: "Smoking status",
};

export interface ConsentView {
  action: string;
  csrf: string;
  appName: string;
  patientName: string;
  username: string;
  scope: string;
  shareUntil: string;
  minDate: string;
  maxDate: string;
  /** Categories checked (all by default). */
  checked: readonly string[];
  error?: string;
}

export function consentPage(v: ConsentView): string {
  const box = (c: DataCategory) =>
    c === "patient"
      ? html`<label><input type="checkbox" checked disabled> ${CATEGORY_LABELS[c]}</label><input type="hidden" name="category" value="patient">`
      : html`<label><input type="checkbox" name="category" value="${c}"${v.checked.includes(c) ? html` checked` : ""}> ${CATEGORY_LABELS[c]}</label>`;
  return page(
    "Share your health records",
    html`<h1>Share health records with ${v.appName}?</h1>
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ""}
<form method="post" action="${v.action}">
<input type="hidden" name="csrf" value="${v.csrf}">
<dl class="card">
<dt>App</dt><dd>${v.appName}</dd>
<dt>Patient</dt><dd>${v.patientName}</dd>
<dt>Provider</dt><dd>${PROVIDER_NAME}</dd>
<dt>Signed in as</dt><dd>${v.username}</dd>
<dt>Access asked for</dt><dd><code>${v.scope}</code></dd>
</dl>
<fieldset>
<legend>Data categories to share</legend>
${DATA_CATEGORIES.map(box)}
</fieldset>
<label for="share-until">Share until</label>
<input type="date" id="share-until" name="share_until" value="${v.shareUntil}" min="${v.minDate}" max="${v.maxDate}" required>
<p>${v.appName} will be able to get new records until this date. You can revoke access at any time on the <a href="/apps">apps page</a>.</p>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" class="secondary" formnovalidate>Do not approve</button>
</form>`,
  );
}
