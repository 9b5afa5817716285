/**
 * Time to first data: after approving, the participant's confirmation page shows their record
 * arriving ("Receiving your record: 2 of 6 kinds"), updating itself in place with its own small
 * script (production participant pages carry no framework runtime) and, without JavaScript, by a
 * timed refresh,
 * then what arrived in plain words; study staff see each search's state, count and last error.
 * Axe reports no violation at a phone's width and a desktop's.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { allergy, bloodPressure, labResult, medicationOrder } from "../lib/fhir/record/factories";
import { enroll } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { heldByType, runSyncOnce, setSearches, storeRecord } from "./support/record-sync-states";
import { connectionOf } from "./support/records";
import { signInAsStaff } from "./support/staff";

const JOSEPH = "smart-1081332";
const DANIEL = "smart-1288992";
const UPDATES = { timeout: 15_000 }; // the page updates itself every 5 seconds

let shots = 0;

/** Axe at a phone's width and at a desktop's, back to where it was. */
async function noAxeViolationsAtBothWidths(page: Page) {
  const size = page.viewportSize()!;
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    // Kept with the run's results for a person to look at (npx playwright show-report).
    const path = test.info().outputPath(`${new URL(page.url()).pathname.replaceAll("/", "_")}-${++shots}-${viewport.width}px.png`);
    await page.screenshot({ path, fullPage: true });
    await test.info().attach(`screenshot ${shots}`, { path, contentType: "image/png" });
  }
  await page.setViewportSize(size);
}

/** Joseph's record as the sync would store it: 3 lab results, 2 vital signs, 2 prescriptions, 1 allergy. */
function josephsRecord() {
  const p = { patientId: JOSEPH };
  return [
    { resourceType: "Patient", id: JOSEPH },
    ...[1, 2, 3].map((n) => labResult("R4", { ...p, id: `lab-${n}`, code: ["loinc", "2345-7", "Glucose"], value: 5 + n, unit: "mmol/L", date: "2026-10-0" + n })),
    ...[1, 2].map((n) => bloodPressure("R4", { ...p, id: `bp-${n}`, systolic: 120 + n, diastolic: 80, date: "2026-10-0" + n })),
    ...[1, 2].map((n) => medicationOrder("R4", { ...p, id: `rx-${n}`, code: ["rxnorm", "19" + n, "Aspirin"], written: "2026-09-01", dosage: "Once a day" })),
    allergy("R4", { ...p, id: "al-1", code: ["snomed", "91936005", "Penicillin"], reaction: ["snomed", "271807003", "Rash"], recorded: "2019-05-01" }),
  ] as ({ resourceType: string; id: string } & Record<string, unknown>)[];
}

test("the confirmation page shows the record arriving, then what arrived; staff see each search", async ({ page, browser }) => {
  test.setTimeout(180_000); // one journey across three browsers, with axe at two widths six times
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.v2.name, username: "joseph-ross" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Joseph P. Ross. Your record is connected.");
  const { connectionId, participantId } = connectionOf(JOSEPH);
  const progress = page.getByTestId("record-progress");

  // Before the sync has planned its searches. Other specs connect Joseph at this health system and
  // an operator's sync pass may already have planned them (a reconnect counts them from 0 again):
  // start from none, as on a first connection.
  setSearches(connectionId, {});
  await page.reload();
  await expect(progress).toHaveText("Getting ready to receive your record");
  await expect(page.getByRole("link", { name: "Stop updating this page" })).toBeVisible();
  await noAxeViolationsAtBothWidths(page);

  // The same page without JavaScript: a timed refresh reloads it.
  const noJs = await (await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() })).newPage();
  await noJs.goto("/connect/done");
  await expect(noJs.getByTestId("record-progress")).toHaveText("Getting ready to receive your record");
  await expect(noJs.locator('meta[http-equiv="refresh"]')).toHaveAttribute("content", "5");

  // The sync plans six searches and finishes two: both pages update by themselves, the
  // JavaScript one in place (no reload: the mark set on this document survives; focus stays).
  await page.evaluate(() => Object.assign(window, { samePage: true }));
  await page.getByRole("link", { name: "Stop updating this page" }).focus();
  setSearches(connectionId, { Patient: "done", "Observation:laboratory": "done", "Observation:vital-signs": "pending", MedicationRequest: "pending", AllergyIntolerance: "pending", Immunization: "pending" });
  await expect(progress).toHaveText("Receiving your record: 2 of 6 kinds", UPDATES);
  await expect(noJs.getByTestId("record-progress")).toHaveText("Receiving your record: 2 of 6 kinds", UPDATES);
  expect(await page.evaluate(() => "samePage" in window)).toBe(true);
  await expect(page.getByRole("link", { name: "Stop updating this page" })).toBeFocused();
  await noAxeViolationsAtBothWidths(page);

  // The participant can stop the updates, and check again when they like.
  await page.getByRole("link", { name: "Stop updating this page" }).click();
  await expect(page).toHaveURL(/\/connect\/done\?updates=off$/);
  await expect(page.getByRole("link", { name: "Stop updating this page" })).toHaveCount(0);
  await expect(page.getByText("This page does not update by itself now.")).toBeVisible();

  // The sync finishes: one kind refused, one failed.
  storeRecord(connectionId, josephsRecord());
  setSearches(connectionId, {
    Patient: "done",
    "Observation:laboratory": "done",
    "Observation:vital-signs": "done",
    MedicationRequest: "done",
    AllergyIntolerance: "done",
    Immunization: "refused",
    Procedure: { state: "failed", lastError: "The health system did not answer in time." },
  });
  await page.getByRole("link", { name: "Check again" }).click();
  await expect(progress).toHaveText("Your record has arrived.");
  const arrived = page.getByTestId("record-arrived");
  await expect(arrived.getByRole("listitem")).toHaveText(["Lab results: 3", "Vital signs: 2", "Medicines: 2", "Allergies: 1"]);
  await expect(arrived).toContainText("Your health system did not share immunizations.");
  await expect(arrived).toContainText("We could not read your procedures this time.");
  await expect(page.getByRole("link", { name: /Check again|Stop updating/ })).toHaveCount(0);
  await noAxeViolationsAtBothWidths(page);
  // Without JavaScript too, and it stops reloading once finished.
  await expect(noJs.getByTestId("record-arrived").getByRole("listitem").first()).toHaveText("Lab results: 3", UPDATES);
  await expect(noJs.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await noJs.context().close();

  // Study staff: each search with its state, what it holds and its last error; when last complete.
  const staff = await (await browser.newContext()).newPage();
  await signInAsStaff(staff, "viewer");
  await staff.goto(`/dashboard/participants/${participantId}`);
  const table = staff.getByTestId("record-status");
  await expect(table.getByTestId("record-synced-at")).toContainText(/ago|now/);
  await expect(table.getByRole("row", { name: /Lab results/ }).getByRole("cell")).toHaveText(["Complete", "3", /ago|now/, /ago|now/, "None"]);
  await expect(table.getByRole("row", { name: /Immunizations/ }).getByRole("cell").first()).toHaveText("Refused by the health system");
  await expect(table.getByRole("row", { name: /Procedures/ }).getByRole("cell")).toHaveText(["Failed (will retry)", "0", "Nothing held", "Never", /^The health system did not answer in time\./]);
  await noAxeViolationsAtBothWidths(staff);
  await staff.context().close();
});

test("the real whole-record sync: Daniel's DSTU2 record arrives from the sandbox and the page counts it as stored", async ({ page }) => {
  test.setTimeout(180_000);
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.s4s.name, username: "daniel-adams", patientName: "Daniel Adams" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Daniel X. Adams. Your record is connected.");
  const progress = page.getByTestId("record-progress");
  // The e2e portal runs no sync worker: the first sync waits in the queue until an operator's pass.
  await expect(progress).toHaveText(/^(Getting ready to receive your record|Receiving your record: \d+ of \d+ kinds)$/);
  runSyncOnce();
  await expect(progress).toHaveText("Your record has arrived.", UPDATES);

  const held = heldByType(connectionOf(DANIEL).connectionId);
  const items = await page.getByTestId("record-arrived").getByRole("listitem").allTextContents();
  const count = (label: string) => Number(items.find((i) => i.startsWith(`${label}: `))?.slice(label.length + 2).replace(/,/g, "") ?? 0);
  const observationLabels = ["Lab results", "Vital signs", "Lifestyle (such as smoking)", "Questionnaires", "Exam findings", "Other measurements"];
  expect(held.Observation ?? 0).toBeGreaterThan(0);
  expect(observationLabels.reduce((n, label) => n + count(label), 0)).toBe(held.Observation);
  expect(count("Lab results")).toBeGreaterThan(0);
  expect(count("Medicines")).toBe((held.MedicationOrder ?? 0) + (held.MedicationStatement ?? 0) + (held.MedicationDispense ?? 0));
  expect(count("Conditions")).toBe(held.Condition ?? 0);
  expect(count("Allergies")).toBe(held.AllergyIntolerance ?? 0);
  expect(count("Immunizations")).toBe(held.Immunization ?? 0);
  await noAxeViolationsAtBothWidths(page);
});
