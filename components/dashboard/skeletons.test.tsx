/**
 * The dashboard's loading placeholders: a status region that says what is loading in text, never
 * `aria-label` on an element without a role (axe `aria-prohibited-attr`, seen by the staff-view
 * e2e whenever its check ran while a table was still streaming in).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartSkeleton, TableSkeleton, TilesSkeleton } from "./skeletons";

describe("loading placeholders", () => {
  it.each([
    ["totals", <TilesSkeleton key="t" />],
    ["chart", <ChartSkeleton key="c" />],
    ["participants", <TableSkeleton key="p" />],
  ])("%s: a busy status region with its words in text, and no aria-label", (what, element) => {
    const html = renderToStaticMarkup(element);
    expect(html).toMatch(/^<div role="status" aria-busy="true"/);
    expect(html).toContain(`<span class="sr-only">Loading ${what}</span>`);
    expect(html).not.toContain("aria-label");
  });
});
