/** The page frame: plain, readable on a phone, no scripts or external assets. */
import { Html, html } from "./html";

export const PROVIDER_NAME = "S4S Sandbox EHR";

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9}
main{max-width:34rem;margin:0 auto;padding:1.25rem}
header{background:#20405f;color:#fff;padding:.75rem 1.25rem;font-weight:600}
h1{font-size:1.5rem;line-height:1.25}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=password],input[type=date]{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.6rem;margin-top:.25rem;border:1px solid #767676;border-radius:4px}
fieldset{border:1px solid #c4c4c4;border-radius:4px;margin-top:1rem}
fieldset label{font-weight:400;margin-top:.25rem}
button{font:inherit;font-weight:600;padding:.7rem 1.2rem;margin:1rem .5rem 0 0;border-radius:4px;border:1px solid #20405f;background:#20405f;color:#fff;min-height:44px}
button.secondary{background:#fff;color:#20405f}
:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.error{color:#a00;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem;margin-top:1rem}
`;

export function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${PROVIDER_NAME}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<header>${PROVIDER_NAME}</header>
<main>
${body}
</main>
</body>
</html>`.text;
}
