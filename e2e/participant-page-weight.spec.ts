import { expect, test } from "@playwright/test";
import { measureParticipantPages, PARTICIPANT_JS_LIMIT_KB_GZ } from "../bench/support/page-weight";
import { E2E } from "./support/servers";

// Issue #13: no participant page loads more than 110 kB of gzipped JavaScript (the figure the
// `pageweight` benchmark records as participantJsKbGz), measured on this production build.
test("every participant page, in English and Spanish, loads at most 110 kB of gzipped JavaScript", async () => {
  const weights = await measureParticipantPages(E2E.portalUrl);
  expect(weights.length).toBeGreaterThanOrEqual(18);
  const tooHeavy = weights.filter((w) => w.kbGz > PARTICIPANT_JS_LIMIT_KB_GZ).map((w) => `${w.path}: ${w.kbGz} kB (${w.scripts.join(", ")})`);
  expect(tooHeavy).toEqual([]);
});

test("participant pages load none of the Next.js client runtime; the staff side keeps it", async ({ request }) => {
  for (const path of ["/", "/connect", "/connect/choose", "/me"]) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toMatch(/<script[^>]*src="\/_next\//);
    expect(html, path).not.toContain("self.__next_f");
  }
  const staff = await (await request.get("/staff/sign-in")).text();
  expect(staff).toMatch(/<script[^>]*src="\/_next\//);
});
