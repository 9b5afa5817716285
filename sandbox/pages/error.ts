import { html } from "./html";
import { page } from "./layout";

/** A plain error page, for requests the sandbox must not redirect (unknown app, unregistered redirect URI). */
export function errorPage(title: string, message: string): string {
  return page(
    title,
    html`<h1>${title}</h1>
<p role="alert">${message}</p>
<p>Go back to the app you came from and try again.</p>`,
  );
}
