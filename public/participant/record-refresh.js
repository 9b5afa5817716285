// @ts-check
/**
 * Updates the record's progress on the confirmation page in place while it arrives
 * (components/participant/record-receiving.tsx renders the section; without this script a
 * <noscript> timed refresh reloads the page). Every few seconds it fetches the page's own address
 * and swaps in the new section's content: the live region is kept and only its text changes (so
 * screen readers announce it), focus and scroll stay. It stops once the fetched section no longer
 * updates (finished, too slow, or stopped). Plain DOM, no framework: participant pages load no
 * framework runtime.
 */
(function () {
  const section = /** @type {HTMLElement | null} */ (document.querySelector("[data-record-section]"));
  if (!section || section.dataset.updating !== "true") return;
  const seconds = Math.max(2, Number(section.dataset.updateSeconds) || 5);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** The focused element's address in the section (a link's href, a button's text), to focus its successor. */
  function focusKey() {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !section?.contains(active)) return null;
    return { tag: active.tagName, href: active.getAttribute("href"), text: active.textContent };
  }

  function swap(/** @type {HTMLElement} */ next) {
    if (!section) return;
    const key = focusKey();
    const status = section.querySelector('[role="status"]');
    const nextStatus = next.querySelector('[role="status"]');
    // Never move a <meta refresh> into the live page (parsed without scripting, <noscript> holds real elements).
    next.querySelectorAll("noscript").forEach((n) => n.remove());
    const children = [...next.childNodes].map((node) => (status && node instanceof Element && node.matches('[role="status"]') ? status : document.importNode(node, true)));
    section.replaceChildren(...children);
    if (status && nextStatus && status.textContent !== nextStatus.textContent) status.textContent = nextStatus.textContent;
    section.dataset.updating = next.dataset.updating ?? "false";
    if (key) {
      const match = [...section.querySelectorAll(key.tag)].find((el) => el.getAttribute("href") === key.href || el.textContent === key.text);
      if (match instanceof HTMLElement) match.focus({ preventScroll: true });
    }
  }

  async function update() {
    try {
      const response = await fetch(window.location.href, { headers: { accept: "text/html" }, credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const next = page.querySelector("[data-record-section]");
        if (next instanceof HTMLElement) swap(next);
        else return; // Not the same page any more (signed out, moved on): stop quietly.
      }
    } catch {
      // Offline for a moment: try again at the next tick.
    }
    if (section?.dataset.updating === "true") timer = setTimeout(update, seconds * 1000);
  }

  timer = setTimeout(update, seconds * 1000);
  window.addEventListener("pagehide", () => clearTimeout(timer));
})();
