import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { moveStoredTokenEndpoint } from "./support/database";
import { enroll } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { E2E } from "./support/servers";
import { signInAsStaff, STAFF, staffScript } from "./support/staff";

const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

/** An export POSTed the way the dashboard's form sends it (same origin), with the session of `page`. */
const postExport = (page: Page, path: string) =>
  page.request.post(path, { form: { q: "", status: "", ehr: "" }, headers: { origin: E2E.portalUrl, "sec-fetch-site": "same-origin" } });

/** Reads the file the browser downloaded after clicking `button`. */
async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Writes into the e2e database the way a hostile EHR's data would arrive (for the CSV test). */
function setSnapshotName(patientId: string, displayName: string) {
  const db = new Database(E2E.databaseUrl.replace(/^file:/, ""));
  try {
    db.prepare('UPDATE "PatientSnapshot" SET displayName = ? WHERE connectionId IN (SELECT id FROM "Connection" WHERE patientId = ?)').run(displayName, patientId);
  } finally {
    db.close();
  }
}


test("a signed-out visitor is sent to the staff sign-in page, which is accessible and refuses a wrong password", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Study staff sign in" })).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel("Email").fill(STAFF.admin.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/do not match an active staff account/)).toBeVisible();
});

test("a participant's session never opens a staff page", async ({ page }) => {
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.v2.name, username: "joseph-ross" });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
  expect((await postExport(page, "/dashboard/export/participants.csv")).status()).toBe(401);
  const cookies = (await page.context().cookies()).map((c) => c.name);
  expect(cookies.some((n) => n.includes("participant.session"))).toBe(true);
  expect(cookies.some((n) => n.includes("staff.session"))).toBe(false);
});

test("an admin searches, filters and opens a participant; the view is audited; every page is accessible", async ({ page }) => {
  await signInAsStaff(page, "admin");
  await expect(page.getByRole("heading", { name: "Participants", level: 1 })).toBeVisible();
  await expect(page.getByTestId("tile-ending")).toContainText("Sharing ends within 30 days");
  // Pages with patient data are never stored by a browser or proxy.
  const dashboard = await page.request.get("/dashboard");
  expect(dashboard.headers()["cache-control"]).toContain("no-store");
  // The title is in the <head> from the first bytes, not streamed in after the page (axe "document-title").
  const html = await dashboard.text();
  expect(html.slice(0, html.indexOf("</head>"))).toMatch(/<title>Participants · Study dashboard<\/title>/);
  await expect(page.getByTestId("tile-connected-count")).not.toHaveText("0");
  await noAxeViolations(page);

  await page.getByLabel("Search by name or id").fill("  JOSEPH p. ROSS ");
  await page.getByRole("button", { name: "Apply" }).click();
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: "Joseph P. Ross" })).toBeVisible();
  await expect(page.getByTestId("page-status")).toContainText("1 row");

  await page.getByLabel("Search by name or id").fill(`%_'" ünïcødé ${"x".repeat(300)}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table).toContainText("No participants match.");

  await page.goto("/dashboard");
  await page.getByLabel("Status").selectOption("withdrawn");
  await page.getByLabel("Health system").selectOption({ label: HEALTH_SYSTEMS.v2.name });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByRole("link", { name: "Joseph P. Ross" })).toHaveCount(0);
  await page.getByLabel("Status").selectOption("connected");
  await page.getByRole("button", { name: "Apply" }).click();
  await table.getByRole("link", { name: "Joseph P. Ross" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("Joseph P. Ross");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Participant P-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  await expect(page.getByText("What was shared")).toBeVisible();
  // The SMART v2 sandbox says when the approval ends (refresh_token_expires_in).
  await expect(page.getByText(/in \d+ days; the health system's date/).first()).toBeVisible();
  await page.getByText(/Raw Patient resource \(FHIR R4 \(4\.0\.1\)/).first().click();
  await expect(page.locator("pre")).toContainText('"resourceType": "Patient"');
  await noAxeViolations(page);
  const participantId = page.url().split("/").pop()!;
  expect((await page.request.get(page.url())).headers()["cache-control"]).toContain("no-store");
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /./ })).toContainText("Refreshed");

  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Participant id").fill(participantId);
  await page.getByRole("button", { name: "Apply" }).click();
  const audit = page.getByRole("row").filter({ hasText: "Viewed a participant's record" });
  await expect(audit.first()).toContainText(STAFF.admin.email);
  await expect(page.getByRole("row").filter({ hasText: 'Pressed "Refresh now"' }).first()).toContainText("The record was refreshed.");
  await noAxeViolations(page);

  await page.getByRole("link", { name: "Health systems" }).click();
  await expect(page.getByRole("heading", { name: HEALTH_SYSTEMS.s4s.name })).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel("FHIR base URL").fill("http://169.254.169.254/latest");
  await page.getByRole("button", { name: "Add health system" }).click();
  await expect(page.getByRole("status").filter({ hasText: /./ })).toContainText(/failed|not/i);

  // Added again with nothing changed: it keeps its client, no question asked.
  await page.getByLabel("FHIR base URL").fill(HEALTH_SYSTEMS.s4s.fhirBaseUrl);
  await page.getByRole("button", { name: "Add health system" }).click();
  await expect(page.getByRole("status").filter({ hasText: /./ })).toHaveText(`Added ${HEALTH_SYSTEMS.s4s.name}.`);
  // Added again when its endpoints changed: the admin sees what would change, and confirms it.
  const oneLive = HEALTH_SYSTEMS.oneLive;
  moveStoredTokenEndpoint(oneLive.fhirBaseUrl, "https://moved-ehr.example.org/token");
  await page.getByLabel("FHIR base URL").fill(oneLive.fhirBaseUrl);
  await page.getByRole("button", { name: "Add health system" }).click();
  const confirm = page.getByRole("region", { name: `Confirm the changes to ${oneLive.name}` });
  await expect(confirm.getByRole("listitem")).toHaveText([`Token endpoint: https://moved-ehr.example.org/token → ${E2E.oneLiveSandboxUrl}/oauth/token`]);
  await noAxeViolations(page);
  await confirm.getByRole("button", { name: "Yes, apply these changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: /./ })).toContainText(`Added ${oneLive.name}. Changed: Token endpoint`);
  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Confirmed changes to a health system" }).first()).toContainText("https://moved-ehr.example.org/token");

  await page.goto("/dashboard/participants/not-a-participant");
  await expect(page.getByRole("heading", { name: "Participant not found" })).toBeVisible();
  await page.goto("/dashboard/participants/cnotaparticipant000000000");
  await expect(page.getByRole("heading", { name: "Participant not found" })).toBeVisible();
});

test("a viewer may not export (403) nor open admin pages", async ({ page }) => {
  await signInAsStaff(page, "viewer");
  await expect(page.getByRole("button", { name: /Export/ })).toHaveCount(0);
  expect((await postExport(page, "/dashboard/export/participants.csv")).status()).toBe(403);
  expect((await postExport(page, "/dashboard/export/patients.ndjson")).status()).toBe(403);
  await page.goto("/dashboard/audit");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
});

test("a coordinator exports CSV with formulas neutralised, and NDJSON of Patient resources", async ({ page }) => {
  setSnapshotName("smart-1081332", '=HYPERLINK("http://evil.example","x")');
  await signInAsStaff(page, "coordinator");
  // The dashboard's export buttons (forms that POST the table's filters) download the files.
  const text = await download(page, "Export table (CSV)");
  expect(text.split("\r\n")[0]).toMatch(/^participant_id,study_participant_id,name,/);
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  await expect(page).toHaveURL(/\/dashboard$/);
  const lines = (await download(page, "Export Patient resources (NDJSON)")).trim().split("\n");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(JSON.parse(line).resourceType).toBe("Patient");
  // With the table's filters: a search that matches nobody exports the header row alone.
  await page.getByLabel("Search by name or id").fill("nobody-is-called-this");
  await page.getByRole("button", { name: "Apply" }).click();
  expect((await download(page, "Export table (CSV)")).trim().split("\r\n")).toHaveLength(1);
});

test("disabling a staff account takes effect on its next request", async ({ page }) => {
  await signInAsStaff(page, "leaving");
  expect(staffScript("staff:disable", ["--email", STAFF.leaving.email]).status).toBe(0);
  await page.reload();
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
  // An existing email is reported, not duplicated.
  const again = staffScript("staff:add", ["--email", STAFF.leaving.email.toUpperCase(), "--role", "viewer", "--password", STAFF.leaving.password]);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain("already exists");
});

test("a link or a form on another site never starts an export, even in a signed-in coordinator's browser", async ({ page }) => {
  await signInAsStaff(page, "coordinator");
  const exportUrl = `${E2E.portalUrl}/dashboard/export/patients.ndjson`;
  // Another site (a different registrable domain than localhost) with a link and a form to the export.
  await page.route("https://attacker.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<a id="link" href="${exportUrl}">a link</a><form id="form" method="post" action="${exportUrl}"><input name="q" value=""><button>a form</button></form>`,
    }),
  );
  const released: string[] = [];
  page.on("download", (file) => released.push(file.suggestedFilename()));
  for (const target of ["#link", "#form button"]) {
    await page.goto("https://attacker.example/");
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(exportUrl)), page.click(target)]);
    expect(answer.status()).not.toBe(200);
    expect(await answer.text()).not.toContain('"resourceType"');
  }
  expect(released).toEqual([]);
});

test("signing out ends the session everywhere: a copy of the staff cookie stops working", async ({ page, browser }) => {
  await signInAsStaff(page, "admin");
  const copied = await browser.newContext({ baseURL: E2E.portalUrl });
  await copied.addCookies(await page.context().cookies());
  const elsewhere = await copied.newPage();
  await elsewhere.goto("/dashboard");
  await expect(elsewhere.getByRole("heading", { name: "Participants", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await elsewhere.goto("/dashboard");
  await expect(elsewhere).toHaveURL(/\/staff\/sign-in$/);
  await copied.close();
});
