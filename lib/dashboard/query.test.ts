import { describe, expect, it } from "vitest";
import { parseParticipantQuery, participantIdSchema, participantQueryString } from "./query";

describe("participant table query", () => {
  it("falls back to defaults for anything malformed", () => {
    expect(parseParticipantQuery({ status: "nope", sort: "'; drop", dir: "up", page: "-3", size: "7", ehr: "../x" })).toEqual({
      q: "",
      status: undefined,
      show: undefined,
      ehr: undefined,
      sort: "connected",
      dir: "desc",
      page: 1,
      size: 25,
    });
  });

  it("lower-cases, trims and bounds search text, keeping quotes, wildcards and unicode as text", () => {
    expect(parseParticipantQuery({ q: "  ÉMILE %_'\"  " }).q).toBe("émile %_'\"");
    expect(parseParticipantQuery({ q: "x".repeat(10_000) }).q).toHaveLength(200);
    expect(parseParticipantQuery({ q: ["Ross", "Adams"] }).q).toBe("ross");
  });

  it("builds links that keep the query and change one thing", () => {
    const query = parseParticipantQuery({ q: "ross", status: "connected", page: "3", size: "50" });
    expect(participantQueryString(query, { page: 4 })).toBe("?q=ross&status=connected&page=4&size=50");
    expect(participantQueryString(parseParticipantQuery({}))).toBe("");
    expect(participantQueryString(parseParticipantQuery({ show: "stale", status: "connected" }))).toBe("?status=connected&show=stale");
    expect(parseParticipantQuery({ show: "everything" }).show).toBeUndefined();
  });

  it("accepts only cuid-shaped participant ids", () => {
    expect(participantIdSchema.safeParse("cmb1x2y3z4a5b6c7d8e9f0g1h").success).toBe(true);
    for (const bad of ["1", "../etc/passwd", "A".repeat(25), "x".repeat(41)]) expect(participantIdSchema.safeParse(bad).success).toBe(false);
  });
});
