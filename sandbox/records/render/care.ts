/** Care plans, care teams, goals and devices (R4 only: S4S has none of them), and coverage (both versions). */
import { concept, narrative } from "../../fhir/resource";
import type { CarePlanEntry, CareTeamEntry, CoverageEntry, DeviceEntry, GoalEntry } from "../entry";
import { categoryOf } from "./categories";
import { hl7, list, opt, type Body, type RenderContext } from "./common";

export function renderCarePlan(e: CarePlanEntry, ctx: RenderContext): Body {
  const addresses = e.addresses.map((key) => ctx.entry("condition", key)).filter((r) => r !== undefined);
  return {
    text: { ...narrative(e.title), status: "additional" },
    status: "active",
    intent: "plan",
    category: [categoryOf(e, ctx.version)],
    title: e.title,
    subject: ctx.subject,
    period: { start: e.start },
    ...opt("author", ctx.shared("Practitioner", e.author)),
    ...opt("addresses", addresses.length > 0 ? addresses : undefined),
    activity: e.activities.map((code) => ({ detail: { code: concept(code), status: "in-progress" } })),
  };
}

export function renderCareTeam(e: CareTeamEntry, ctx: RenderContext): Body {
  const participant = e.members.flatMap((m) => {
    const member = ctx.shared("Practitioner", m.practitioner);
    return member ? [{ role: [concept(m.role)], member }] : [];
  });
  return {
    status: "active",
    name: e.name,
    subject: ctx.subject,
    period: { start: e.start },
    participant,
    ...opt("managingOrganization", list(ctx.shared("Organization", e.organization))),
  };
}

export function renderGoal(e: GoalEntry, ctx: RenderContext): Body {
  const target = e.measure && { measure: concept(e.measure), ...opt("detailString", e.target), ...opt("dueDate", e.due) };
  return {
    lifecycleStatus: "active",
    achievementStatus: hl7(ctx, "goal-achievement", "", "in-progress", "In Progress"),
    description: { text: e.description },
    subject: ctx.subject,
    startDate: e.start,
    ...opt("target", list(target)),
    ...opt("expressedBy", ctx.shared("Practitioner", e.expressedBy)),
    ...opt("addresses", list(ctx.entry("condition", e.addresses))),
  };
}

export function renderDevice(e: DeviceEntry, ctx: RenderContext): Body {
  return {
    udiCarrier: [{ deviceIdentifier: e.deviceId, carrierHRF: e.udi }],
    status: "active",
    manufacturer: e.manufacturer,
    manufactureDate: e.manufactured,
    expirationDate: e.expires,
    lotNumber: e.lot,
    deviceName: [{ name: e.type.display.replace(/ \(physical object\)$/, ""), type: "user-friendly-name" }],
    modelNumber: e.model,
    type: concept(e.type),
    patient: ctx.subject,
  };
}

export function renderCoverage(e: CoverageEntry, ctx: RenderContext): Body {
  if (ctx.version === "dstu2") {
    // DSTU2 Coverage names the patient as `subscriber` (it has no beneficiary); its issuer, an Organization, is not on S4S.
    return {
      type: { system: "http://hl7.org/fhir/v3/ActCode", code: "EHCPOL", display: "extended healthcare" },
      subscriberId: { value: e.subscriberId },
      period: { start: e.start },
      subscriber: ctx.subject,
      plan: e.plan,
      group: e.group,
    };
  }
  const coverageClass = (code: string, value: string, name: string) => ({ type: hl7(ctx, "coverage-class", "", code), value, name });
  return {
    status: "active",
    type: concept(e.payerType),
    subscriberId: e.subscriberId,
    beneficiary: ctx.subject,
    relationship: hl7(ctx, "subscriber-relationship", "", "self", "Self"),
    period: { start: e.start },
    ...opt("payor", list(ctx.shared("Organization", e.payer))),
    class: [coverageClass("group", e.group, `Group ${e.group}`), coverageClass("plan", e.plan, e.plan)],
  };
}
