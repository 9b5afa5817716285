import { html } from "./html";
import { page } from "./layout";

export interface PickerView {
  action: string;
  csrf: string;
  patients: { id: string; name: string; relation: string }[];
}

/** "Who are you representing?": one button per patient, named by the patient's name. */
export function pickerPage(view: PickerView): string {
  return page(
    "Who are you representing?",
    html`<h1>Who are you representing?</h1>
<p>Choose whose health records to share.</p>
<form method="post" action="${view.action}">
<input type="hidden" name="csrf" value="${view.csrf}">
${view.patients.map(
  (p) => html`<p><button type="submit" name="patient" value="${p.id}">${p.name}</button> <span>(${p.relation})</span></p>`,
)}
</form>`,
  );
}
