import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { MyRecordStatus } from "@/lib/data/record-progress";
import { RecordReceiving } from "./record-receiving";

const now = new Date("2026-11-29T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const status = (overrides: Partial<MyRecordStatus>): MyRecordStatus => ({
  connectionStatus: "connected",
  connectedAt: minutesAgo(1),
  recordSyncedAt: null,
  progress: { finished: 0, planned: 0, complete: false },
  arrival: null,
  ...overrides,
});
/** The page's visible text (states that do not update by themselves: those need the app router). */
const textOf = (s: MyRecordStatus, updatesOff = true) =>
  renderToStaticMarkup(createElement(RecordReceiving, { status: s, updatesOff, path: "/connect/done", locale: "en", now }))
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

describe("the record arriving, in the participant's words", () => {
  it("before the sync has planned anything", () => {
    const text = textOf(status({}));
    expect(text).toContain("Getting ready to receive your record");
    expect(text).toContain("Check again");
    expect(text).toContain("Update this page by itself");
  });

  it("part way, with updates stopped by the participant", () => {
    const text = textOf(status({ progress: { finished: 5, planned: 14, complete: false } }));
    expect(text).toContain("Receiving your record: 5 of 14 kinds");
    expect(text).toContain("This page does not update by itself now.");
  });

  it("while it arrives: the section updates itself (script with the page's nonce; a timed refresh without JavaScript) and offers to stop", () => {
    const html = renderToStaticMarkup(createElement(RecordReceiving, { status: status({ progress: { finished: 1, planned: 4, complete: false } }), updatesOff: false, path: "/connect/done", locale: "en", nonce: "n0nce", now }));
    expect(html).toContain('data-updating="true"');
    expect(html).toContain('<script src="/participant/record-refresh.js" nonce="n0nce" defer="">');
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="5"/></noscript>');
    expect(html).toContain('href="/connect/done?updates=off"');
  });

  it("stopped or finished: the section says it no longer updates and loads no script", () => {
    for (const [s, off] of [[status({}), true], [status({ progress: { finished: 2, planned: 2, complete: true } }), false]] as const) {
      const html = renderToStaticMarkup(createElement(RecordReceiving, { status: s, updatesOff: off, path: "/connect/done", locale: "en", now }));
      expect(html).toContain('data-updating="false"');
      expect(html).not.toContain("<script");
      expect(html).not.toContain("http-equiv");
    }
  });

  it("taking too long: says so, stops offering automatic updates", () => {
    const text = textOf(status({ connectedAt: minutesAgo(20), progress: { finished: 2, planned: 6, complete: false } }), false);
    expect(text).toContain("Receiving your record: 2 of 6 kinds");
    expect(text).toContain("This is taking longer than usual.");
    expect(text).not.toContain("Update this page by itself");
    expect(text).not.toContain("Stop updating");
  });

  it("finished: what arrived with counts, then what did not, in plain words", () => {
    const text = textOf(
      status({
        progress: { finished: 9, planned: 9, complete: true },
        arrival: {
          arrived: [
            { kind: "labs", count: 1042 },
            { kind: "medications", count: 7 },
            { kind: "allergies", count: 2 },
          ],
          notShared: ["immunizations"],
          notRead: ["procedures", "encounters"],
          noneFound: ["goals", "careTeams"],
        },
      }),
    );
    expect(text).toContain("Your record has arrived.");
    expect(text).toContain("Lab results: 1,042 Medicines: 7 Allergies: 2");
    expect(text).toContain("Your health system did not share immunizations.");
    expect(text).toContain("We could not read your procedures and visits this time.");
    expect(text).toContain("Your record had no health goals and care team.");
    expect(text).not.toContain("Check again");
  });

  it("finished with nothing sent", () => {
    const text = textOf(status({ progress: { finished: 2, planned: 2, complete: true }, arrival: { arrived: [], notShared: ["labs"], notRead: [], noneFound: [] } }));
    expect(text).toContain("Your health system did not send any part of your record this time.");
    expect(text).toContain("Your health system did not share lab results.");
  });

  it("a connection that needs reconnecting points to My connection; a withdrawn one shows nothing", () => {
    expect(textOf(status({ connectionStatus: "needs_reconnect", progress: { finished: 1, planned: 3, complete: false } }))).toContain("We cannot receive your record right now.");
    expect(textOf(status({ connectionStatus: "withdrawn" }))).toBe("");
  });
});
