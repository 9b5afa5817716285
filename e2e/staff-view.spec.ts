/**
 * The study team's pages at both viewports (desktop 1280 px and a phone): their own layout, the
 * four questions, search in any order, the participant's record in plain words, the enrollment
 * funnel and the audit log, each with axe reporting no violation.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { enroll } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { connectionOf, setConnectionFacts, setDeceased, storeSampleRecord } from "./support/records";
import { signInAsStaff, STAFF } from "./support/staff";

const AMY = "smart-1032702";
const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const isPhone = (page: Page) => (page.viewportSize()?.width ?? 1280) < 700;
let amy: ReturnType<typeof connectionOf>;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  // One enrollment that the participant does not approve (the funnel counts it), then Amy Shaw.
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.s4s.name, username: "daniel-adams", patientName: "Daniel Adams", approve: false });
  await page.context().clearCookies();
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.s4s.name, username: "daniel-adams", patientName: "Amy Shaw" });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Amy");
  await page.close();
  amy = connectionOf(AMY);
  storeSampleRecord(amy.connectionId, AMY, "DSTU2", 150);
  setConnectionFacts(amy.connectionId, { recordSyncedDaysAgo: 5, sharingEndsInDays: 12, lastError: "The health system did not answer in time." });
  setDeceased(amy.connectionId, "1926-01-01", "1989");
});

test("staff pages have their own layout: no participant header or footer, staff navigation only", async ({ page }) => {
  await page.goto("/staff/sign-in");
  await expect(page.getByRole("link", { name: "My study" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Study staff sign in" })).toHaveCount(0);
  await noAxeViolations(page);
  await signInAsStaff(page, "admin");
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByRole("link")).toHaveText(["Participants", "Enrollment", "Health systems", "Directory", "Research data", "Audit log"]);
  await expect(nav.getByRole("link", { name: "Participants" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "My study" })).toHaveCount(0);
  if (!isPhone(page)) {
    // Full width on a desktop: the main column is not the participant site's narrow one.
    const main = await page.locator("main").boundingBox();
    expect(main!.width).toBeGreaterThan(1200);
  }
});

test("the four questions: tiles lead to filtered tables with sharing ends, last complete sync and last error", async ({ page }) => {
  await signInAsStaff(page, "coordinator");
  for (const id of ["connected", "stale", "ending", "needs-reconnecting"]) await expect(page.getByTestId(`tile-${id}`)).toBeVisible();
  await expect(page.getByTestId("sync-progress")).toBeVisible();
  await expect(page.getByTestId("funnel-summary")).toContainText("did not approve");
  await noAxeViolations(page);

  await page.getByTestId("tile-stale").click();
  await expect(page).toHaveURL(/show=stale/);
  const table = page.getByTestId("participants-table");
  const row = table.getByRole("row").filter({ hasText: amy.studyId });
  await expect(row).toContainText("Stale");
  await expect(row).toContainText("5 days ago");
  await expect(row).toContainText(/Ends in 1[12] days/);
  await expect(row).toContainText("The health system did not answer in time.");
  // The age stops at death ("died 1989, aged 63"), never counted to today.
  await expect(row).toContainText("died 1989, aged 63");

  const headers = table.getByRole("columnheader");
  if (isPhone(page)) {
    // On a phone the table scrolls sideways in its own region, the name column first and in view.
    const region = page.getByRole("region", { name: "Participants table" });
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect(page.getByText("The table scrolls sideways")).toBeVisible();
    const name = row.getByRole("link", { name: /Amy/ });
    const inView = async () => {
      await name.scrollIntoViewIfNeeded();
      const box = (await name.boundingBox())!;
      return box.x >= 0 && box.x + box.width <= page.viewportSize()!.width;
    };
    expect(await inView()).toBe(true);
    // Scrolled sideways to the last columns, the name column stays in view.
    await region.evaluate((el) => el.scrollBy(10_000, 0));
    await expect(row.getByText("died 1989, aged 63")).toBeVisible();
    expect(await inView()).toBe(true);
  } else {
    // At 1280 px every column is there without scrolling, and no scroll hint is needed.
    await expect(page.getByText("The table scrolls sideways")).toBeHidden();
    for (const name of ["Status", "Last complete sync", "Sharing ends", "Last error", "Health system"]) {
      const box = await headers.filter({ hasText: name }).first().boundingBox();
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(1280);
    }
  }
  await noAxeViolations(page);

  await page.getByTestId("tile-ending").click();
  await expect(table.getByRole("row").filter({ hasText: amy.studyId })).toBeVisible();
});

test("search finds a name in any order, with or without a comma, and by the study's participant id", async ({ page }) => {
  await signInAsStaff(page, "viewer");
  const search = page.getByLabel("Search by name or id");
  for (const q of ["amy shaw", "Shaw, Amy", amy.studyId, AMY]) {
    await search.fill(q);
    await page.getByRole("button", { name: "Apply" }).click();
    // Other specs may have enrolled another Amy Shaw (a representative's record): hers is among them.
    await expect(page.getByTestId("participants-table").locator(`a[href="/dashboard/participants/${amy.participantId}"]`), q).toBeVisible();
  }
  await search.fill("shaw, nobody");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("participants-table")).toContainText("No participants match.");
});

test("the participant page: name and study id, facts in plain words, the record, raw JSON on demand, all audited", async ({ page }) => {
  await signInAsStaff(page, "admin");
  await page.goto(`/dashboard/participants/${amy.participantId}`);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText(/Amy.*Shaw/);
  await expect(heading).toContainText(`Participant ${amy.studyId}`);
  // She consented for her own record, and the portal had nothing to ask about whose record it is.
  await expect(page.getByTestId("consent-capacity")).toHaveText("Their own record");
  await expect(page.getByText("Whose record", { exact: true })).toHaveCount(0);
  await expect(page.getByText("Their whole record (everything the health system shares)")).toBeVisible();
  await expect(page.getByText("Ongoing: the study may fetch updates until sharing ends")).toBeVisible();
  // No jargon up front: the raw scopes sit under "Technical details", and nothing "expires today".
  await expect(page.getByText("launch/patient")).toBeHidden();
  await expect(page.getByText("expires today")).toHaveCount(0);
  await page.getByText("Technical details").first().click();
  await expect(page.getByText(/expires in \d+ (minutes|hours?)/).first()).toBeVisible();

  for (const section of ["conditions", "medications", "allergies", "immunizations", "labs", "vitals", "procedures", "encounters", "documents"]) {
    await expect(page.getByTestId(`record-${section}`).getByRole("row").nth(1), section).toBeVisible();
  }
  const labs = page.getByTestId("record-labs");
  await expect(labs.getByRole("columnheader")).toContainText(["Test", "Result", "Reference range", "Date"]);
  await expect(labs.getByText(/^(High|Low)$/).first()).toBeVisible();
  await noAxeViolations(page);

  await labs.getByRole("link", { name: "Raw data" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Observation");
  await expect(page.locator("pre")).toContainText('"resourceType": "Observation"');
  await noAxeViolations(page);

  await page.goto(`/dashboard/audit?participant=${amy.studyId}`);
  const events = page.getByTestId("audit-table");
  await expect(events).toContainText("Viewed a participant's record");
  await expect(events).toContainText("Viewed the raw data of one record entry");
  await expect(events).toContainText("Enrolled (connected a health record)");
  await expect(events).toContainText("Agreed to the study consent");
  await expect(events).not.toContainText("participant.view");
});

test("the enrollment funnel: a chart and tables of attempts by day, health system and reason", async ({ page }) => {
  await signInAsStaff(page, "viewer");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Enrollment" }).click();
  await expect(page.getByRole("heading", { name: "Enrollment", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: /Enrollment attempts per day from/ })).toBeVisible();
  const byHealthSystem = page.getByTestId("funnel-health-systems");
  const s4s = byHealthSystem.getByRole("row").filter({ hasText: HEALTH_SYSTEMS.s4s.name });
  await expect(s4s).toBeVisible();
  const cells = await s4s.getByRole("cell").allTextContents();
  expect(Number(cells[0])).toBeGreaterThanOrEqual(2); // started
  expect(Number(cells[2])).toBeGreaterThanOrEqual(1); // did not approve
  await expect(page.getByTestId("funnel-days")).toBeVisible();
  await noAxeViolations(page);
});

test("the audit log in plain words, filtered by who, what and date, exported as CSV", async ({ page }) => {
  await signInAsStaff(page, "admin");
  await page.goto("/dashboard/audit");
  await page.getByLabel("Who").selectOption(STAFF.admin.email);
  await page.getByLabel("What").selectOption({ label: "Signed in to the dashboard" });
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From").fill(today);
  await page.getByLabel("To").fill(today);
  await page.getByRole("button", { name: "Apply" }).click();
  const rows = page.getByTestId("audit-table").getByRole("row");
  await expect(rows.nth(1)).toContainText("Signed in to the dashboard");
  expect(await rows.filter({ hasNotText: "Signed in to the dashboard" }).count()).toBe(1); // the header row
  await noAxeViolations(page);
  // The export is a form that POSTs the filters (a link could be planted on another site).
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export these events (CSV)" }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString("utf8").trim().split("\r\n");
  expect(lines[0]).toBe("at,who,action,what,study_participant_id,participant_id,detail");
  expect(lines.slice(1).every((l) => l.includes(",staff.sign_in,Signed in to the dashboard,"))).toBe(true);
});
