// @ts-check
/**
 * Suggestions as you type on the choose page (components/directory/search-box.tsx renders the
 * form; without this script it is a plain search). The ARIA combobox pattern: arrow keys move
 * through the list, Enter picks, Escape closes, the count is announced. Plain DOM, no framework,
 * so participant pages load no framework runtime. Suggestions come from /api/directory/suggest.
 */
(function () {
  const form = /** @type {HTMLFormElement | null} */ (document.querySelector("form[data-search-box]"));
  if (!form) return;
  const input = /** @type {HTMLInputElement} */ (form.querySelector('input[name="q"]'));
  const brand = /** @type {HTMLInputElement} */ (form.querySelector('input[name="brand"]'));
  const list = /** @type {HTMLUListElement} */ (form.querySelector('[role="listbox"]'));
  const status = /** @type {HTMLElement} */ (form.querySelector('[role="status"]'));
  /** @type {{ brandId: string; name: string; place: string }[]} */
  let items = [];
  let active = -1;
  let open = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {AbortController | undefined} */
  let pending;

  const countText = (/** @type {number} */ n) =>
    n === 0 ? (form.dataset.none ?? "") : n === 1 ? (form.dataset.one ?? "") : (form.dataset.many ?? "").replace("#", String(n));

  function render() {
    const shown = open && items.length > 0;
    list.hidden = !shown;
    input.setAttribute("aria-expanded", String(shown));
    if (shown && active >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
    else input.removeAttribute("aria-activedescendant");
    list.replaceChildren(
      ...items.map((item, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", String(i === active));
        li.className = `min-h-12 cursor-pointer px-3 py-2 text-lg${i === active ? " bg-blue-100" : ""}`;
        const name = document.createElement("span");
        name.className = "font-semibold";
        name.textContent = item.name;
        li.append(name);
        if (item.place) {
          const place = document.createElement("span");
          place.className = "block text-base text-slate-700";
          place.textContent = item.place;
          li.append(place);
        }
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(item);
        });
        return li;
      }),
    );
  }

  function choose(/** @type {{ brandId: string; name: string }} */ item) {
    input.value = item.name;
    brand.value = item.brandId;
    open = false;
    render();
    form?.requestSubmit();
  }

  input.addEventListener("input", () => {
    brand.value = "";
    const query = input.value.trim();
    clearTimeout(timer);
    pending?.abort();
    if (query.length < 2) {
      items = [];
      open = false;
      render();
      return;
    }
    const controller = new AbortController();
    pending = controller;
    timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/directory/suggest?q=${encodeURIComponent(query.slice(0, 200))}`, { signal: controller.signal });
        if (!response.ok) return;
        const body = await response.json();
        items = Array.isArray(body.results) ? body.results : [];
        open = true;
        active = -1;
        status.textContent = countText(items.length);
        render();
      } catch {
        // Aborted by a newer keystroke, or offline: the plain search still works.
      }
    }, 250);
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      open = true;
      active = (active + 1) % items.length;
      render();
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      active = active <= 0 ? items.length - 1 : active - 1;
      render();
    } else if (event.key === "Enter" && open && active >= 0 && items[active]) {
      event.preventDefault();
      choose(items[active]);
    } else if (event.key === "Escape") {
      open = false;
      render();
    }
  });

  input.addEventListener("blur", () => {
    setTimeout(() => {
      open = false;
      render();
    }, 150);
  });
})();
