/**
 * Issue #16's ten verified findings, each mapped to the checks that prove it fixed: checks of
 * this run (reliability/security-cases.ts, by name) and named Vitest tests, which the run executes
 * and reads back (reliability/vitest-checks.ts). Every check named here failed on the code the
 * review attacked. A finding counts as tested when it names at least one check and every check it
 * names was found and ran; as held when, in addition, every one passed. A finding without a check
 * counts as not tested: never point a finding at a test that cannot fail.
 */
import { SECURITY_CHECKS } from "./security-cases";

export type VitestProject = "unit" | "data-sqlite" | "data-postgres";
/** A Vitest test by file and full name (describe blocks and title joined by spaces), on each project listed. */
export type VitestCheck = { file: string; test: string; projects: VitestProject[] };

export type Finding = { finding: number; title: string; reliability: string[]; vitest: VitestCheck[] };

const BOTH: VitestProject[] = ["data-sqlite", "data-postgres"];
const UNIT: VitestProject[] = ["unit"];

export const FINDINGS: Finding[] = [
  {
    finding: 1,
    title: "Staff sign-in's per-IP limit trusts X-Forwarded-For; Argon2 work is unbounded",
    reliability: [SECURITY_CHECKS.xffFlood],
    vitest: [
      { file: "lib/security/client-address.test.ts", test: "clientAddress reads the address the portal's server set, never X-Forwarded-For", projects: UNIT },
      { file: "lib/security/forwarded.test.ts", test: "resolveClientAddress uses the socket's address when no proxy is trusted, whatever X-Forwarded-For claims", projects: UNIT },
      { file: "lib/staff/work-gate.test.ts", test: "WorkGate runs `inFlight` at once, queues `queue` more, and refuses the rest at once", projects: UNIT },
    ],
  },
  {
    finding: 2,
    title: "The lockout counter races",
    reliability: [SECURITY_CHECKS.burst],
    vitest: [
      {
        file: "lib/staff/sign-in-race.db.test.ts",
        test: "staff sign-in under a burst of simultaneous attempts checks at most five of fifteen simultaneous wrong passwords, and the right one next does not sign in",
        projects: BOTH,
      },
    ],
  },
  {
    finding: 3,
    title: "Targeted lockout and account enumeration",
    reliability: [SECURITY_CHECKS.enumeration, SECURITY_CHECKS.targetedLockout, SECURITY_CHECKS.attackAlert],
    vitest: [
      { file: "lib/staff/sign-in-enumeration.db.test.ts", test: "staff sign-in: what an outsider can learn and do answers an unknown email exactly as a real one, attempt after attempt", projects: BOTH },
      { file: "lib/staff/sign-in-enumeration.db.test.ts", test: "staff sign-in: what an outsider can learn and do never keeps the real staff member out because of wrong passwords sent from another address", projects: BOTH },
      { file: "lib/staff/sign-in-enumeration.db.test.ts", test: "staff sign-in: what an outsider can learn and do makes each attempt after five failures from one client wait longer: 1 minute, then 2, then 4", projects: BOTH },
      { file: "lib/staff/sign-in-alert.db.test.ts", test: "a staff account under attack is named to admins with its failures and addresses, audited once, and never for an unknown email", projects: BOTH },
    ],
  },
  {
    finding: 4,
    title: "Signing out does not end sessions",
    reliability: [SECURITY_CHECKS.staffCopiedCookie, SECURITY_CHECKS.participantCopiedCookie],
    vitest: [
      { file: "lib/data/auth-sessions.test.ts", test: "the session store ends at its absolute end, however often it is used before", projects: BOTH },
      { file: "lib/data/auth-sessions.test.ts", test: "the session store ends every session of a staff member whose account is disabled; re-enabling revives none", projects: BOTH },
      { file: "lib/auth/auth-session.db.test.ts", test: "session tokens (both next-auth instances) refuses a renewed token after the absolute lifetime (8 hours for staff, 30 days for participants)", projects: BOTH },
    ],
  },
  {
    finding: 5,
    title: "A cross-site link triggers an export",
    // (crossSiteExportForm is a check of the run too, but not listed: before the fix a POST got 405 by accident.)
    reliability: [SECURITY_CHECKS.crossSiteExportLink, SECURITY_CHECKS.strictStaffCookies],
    vitest: [{ file: "lib/auth/cookies.test.ts", test: "the portal's cookies are SameSite=Strict for staff; Lax for participants, who come back from the EHR's site", projects: UNIT }],
  },
  {
    finding: 6,
    title: "Unlimited client registrations",
    reliability: [],
    vitest: [
      ...[
        "finding 6: 200 presses in one browser register one client and keep one attempt",
        "finding 6: 200 presses from one address without cookies register at most ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE clients; the rest are told busy",
        "finding 6: 200 simultaneous presses from 200 addresses keep at most ENROLLMENT_STARTS_PER_HEALTH_SYSTEM_PER_MINUTE attempts",
      ].map((title) => ({ file: "lib/enrollment/begin-attempt.db.test.ts", test: `starting an attempt at a per-participant health system ${title}`, projects: BOTH })),
      {
        file: "lib/sync/attempt-cleanup.db.test.ts",
        test: "a sync pass finding 6: deletes the sealed client secrets of enrollment attempts past their end, and attempts past the retention; keeps open ones whole",
        projects: BOTH,
      },
    ],
  },
  {
    finding: 7,
    title: "DNS rebinding past the URL policy",
    reliability: [],
    vitest: [
      "discovery never connects to 127.0.0.1 when the FHIR host's name rebinds after its check",
      ...["registration", "the code exchange", "a refresh", "a revocation", "a FHIR read"].map(
        (what) => `${what} never connects to 127.0.0.1 when the EHR's name rebinds after it was checked`,
      ),
    ].map((title) => ({ file: "lib/ehr-http/rebinding.test.ts", test: `the URL policy at the socket (finding 7, DNS rebinding) ${title}`, projects: UNIT })),
  },
  {
    finding: 8,
    title: "Re-enrollment without consent",
    reliability: [],
    vitest: [
      "finding 8: a withdrawn participant's earlier consent no longer lets them start",
      "finding 8: reconnecting under a consent from before the withdrawal stores nothing and keeps the withdrawal",
      "finding 8: rejoining under a new consent records its time and keeps the withdrawal in the audit log",
    ].map((title) => ({ file: "lib/data/rejoin.test.ts", test: `re-enrollment after withdrawal ${title}`, projects: BOTH })),
  },
  {
    finding: 9,
    title: "Truncated AES-GCM tags are accepted",
    reliability: [],
    vitest: [4, 8, 12, 15].map((bytes) => ({
      file: "lib/crypto/encryption.test.ts",
      test: `encryption at rest (AES-256-GCM under a key id, bound to where the value is stored) finding 9: refuses a stored value whose GCM tag is cut to ${bytes} bytes, in either format`,
      projects: UNIT,
    })),
  },
  {
    finding: 10,
    title: "The Patient comes back after withdrawal",
    reliability: [],
    // Failed on the reviewed code (the Patient snapshot was written back: 1 row after the withdrawal).
    vitest: [
      {
        file: "lib/sync/record-sync.db.test.ts",
        test: "withdrawal while a sync is reading the EHR a 'Refresh now' whose Patient read is in flight when the participant withdraws writes nothing back",
        projects: BOTH,
      },
    ],
  },
];

export type FindingResult = { finding: number; title: string; tested: boolean; held: boolean; detail: string };

/**
 * Scores each finding from what ran: `reliabilityOutcome(name)` and `vitestOutcome(check, project)`
 * answer "passed", "failed", or "missing" (no such check ran).
 */
export function scoreFindings(
  reliabilityOutcome: (name: string) => "passed" | "failed" | "missing",
  vitestOutcome: (check: VitestCheck, project: VitestProject) => "passed" | "failed" | "missing",
): FindingResult[] {
  return FINDINGS.map(({ finding, title, reliability, vitest }) => {
    const outcomes = [
      ...reliability.map((name) => ({ label: name, outcome: reliabilityOutcome(name) })),
      ...vitest.flatMap((check) => check.projects.map((project) => ({ label: `${check.file} [${project}] ${check.test}`, outcome: vitestOutcome(check, project) }))),
    ];
    const missing = outcomes.filter((o) => o.outcome === "missing");
    const failed = outcomes.filter((o) => o.outcome === "failed");
    const tested = outcomes.length > 0 && missing.length === 0;
    const held = tested && failed.length === 0;
    const detail =
      outcomes.length === 0
        ? "no test yet"
        : missing.length > 0
          ? `missing: ${missing.map((o) => o.label).join("; ")}`
          : failed.length > 0
            ? `failed: ${failed.map((o) => o.label).join("; ")}`
            : `${outcomes.length} checks held`;
    return { finding, title, tested, held, detail };
  });
}
