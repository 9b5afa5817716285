"use client";

import { useEffect, useId, useRef, useState } from "react";

/** Participant-facing words of this component, in one place (for translation). */
export const SEARCH_BOX_TEXT = {
  label: "Search by name, city or ZIP code",
  hint: "For example: St. Mary's, Madison, or 53703",
  search: "Search",
  suggestions: (n: number) => (n === 0 ? "No suggestions" : n === 1 ? "1 suggestion. Use the arrow keys to choose it." : `${n} suggestions. Use the arrow keys to choose one.`),
};

type Suggestion = { brandId: string; name: string; place: string };

/**
 * The choose page's search field. Without JavaScript it is a plain GET form; with JavaScript it
 * also suggests brands as you type (debounced), following the ARIA combobox pattern: arrow keys
 * move through the list, Enter picks, Escape closes, and the count is announced.
 */
export function SearchBox({ defaultValue }: { defaultValue: string }) {
  const t = SEARCH_BOX_TEXT;
  const id = useId();
  const listId = `${id}-list`;
  const [value, setValue] = useState(defaultValue);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const brand = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const query = value.trim();
    if (query.length < 2 || query === defaultValue.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/directory/suggest?q=${encodeURIComponent(query.slice(0, 200))}`, { signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { results: Suggestion[] };
        setItems(body.results);
        setOpen(true);
        setActive(-1);
        setStatus(t.suggestions(body.results.length));
      } catch {
        // Aborted by a newer keystroke, or offline: the plain search still works.
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, defaultValue, t]);

  const choose = (item: Suggestion) => {
    setValue(item.name);
    setOpen(false);
    if (brand.current) brand.current.value = item.brandId;
    queueMicrotask(() => form.current?.requestSubmit());
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (event.key === "Enter" && open && active >= 0 && items[active]) {
      event.preventDefault();
      choose(items[active]);
    } else if (event.key === "Escape") setOpen(false);
  };

  return (
    <form ref={form} method="get" action="/connect/choose" role="search" className="flex flex-wrap items-end gap-3">
      <div className="relative flex w-full max-w-xl flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-lg">{t.label}</label>
        <span id={`${id}-hint`} className="text-base text-slate-700">{t.hint}</span>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            if (e.target.value.trim().length < 2) {
              setItems([]);
              setOpen(false);
            }
            if (brand.current) brand.current.value = "";
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          maxLength={200}
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open && items.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={`${id}-hint`}
          className="min-h-12 w-full rounded-lg border-2 border-slate-400 px-3 text-lg"
        />
        <input ref={brand} type="hidden" name="brand" defaultValue="" />
        <ul id={listId} role="listbox" aria-label={t.label} hidden={!open || items.length === 0} className="absolute top-full z-10 mt-1 w-full rounded-lg border-2 border-slate-400 bg-white shadow-lg">
          {items.map((item, i) => (
            <li
              key={item.brandId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(item);
              }}
              className={`min-h-12 cursor-pointer px-3 py-2 text-lg ${i === active ? "bg-blue-100" : ""}`}
            >
              <span className="font-semibold">{item.name}</span>
              {item.place && <span className="block text-base text-slate-700">{item.place}</span>}
            </li>
          ))}
        </ul>
      </div>
      <button type="submit" className="inline-flex min-h-12 items-center justify-center rounded-lg border-2 border-blue-800 bg-white px-6 py-3 text-lg font-semibold text-blue-900 hover:bg-blue-50">
        {t.search}
      </button>
      <p role="status" aria-live="polite" className="sr-only">{status}</p>
    </form>
  );
}
