import { describe, expect, it } from "vitest";
import { recordProgress, searchState, summarizeArrival } from "./arrival";

const s = (searchKey: string, state: string) => ({ searchKey, state });

describe("record progress: searches finished of those planned", () => {
  it.each([
    ["nothing planned yet", [], { finished: 0, planned: 0, complete: false }],
    ["all pending", ["pending", "pending"], { finished: 0, planned: 2, complete: false }],
    ["some finished, in any way", ["done", "failed", "refused", "pending", "unsupported"], { finished: 4, planned: 5, complete: false }],
    ["all finished", ["done", "refused"], { finished: 2, planned: 2, complete: true }],
    ["an unknown state counts as finished, not pending", ["weird", "done"], { finished: 2, planned: 2, complete: true }],
  ] as const)("%s", (_, states, expected) => {
    expect(recordProgress(states.map((state) => ({ state })))).toEqual(expected);
  });
});

describe("what arrived", () => {
  it("counts by kind in reading order, and says what did not arrive and why", () => {
    const summary = summarizeArrival(
      { medications: 7, labs: 42, allergies: 2, vitals: 10 },
      [
        s("Patient", "done"),
        s("Observation:laboratory", "done"),
        s("Observation:vital-signs", "done"),
        s("Observation:survey", "unsupported"),
        s("MedicationRequest", "done"),
        s("MedicationStatement", "refused"),
        s("AllergyIntolerance", "done"),
        s("Immunization", "refused"),
        s("Procedure", "failed"),
        s("Goal", "done"),
        s("Coverage", "unsupported"),
      ],
    );
    expect(summary).toEqual({
      arrived: [
        { kind: "labs", count: 42 },
        { kind: "vitals", count: 10 },
        { kind: "medications", count: 7 },
        { kind: "allergies", count: 2 },
      ],
      notShared: ["immunizations", "surveys", "insurance"],
      notRead: ["procedures"],
      noneFound: ["goals"],
    });
  });

  it("one search of every Observation (a server that needs no category) stands for lab results, vital signs and other measurements", () => {
    expect(summarizeArrival({ labs: 5 }, [s("Observation", "done")])).toEqual({ arrived: [{ kind: "labs", count: 5 }], notShared: [], notRead: [], noneFound: [] });
    expect(summarizeArrival({}, [s("Observation", "refused")]).notShared).toEqual(["labs", "vitals", "observations"]);
    expect(summarizeArrival({ vitals: 2 }, [s("Observation", "failed")]).notRead).toEqual(["labs", "vitals", "observations"]);
  });

  it("a failed search is 'not read' even when resources from an earlier pass are held", () => {
    const summary = summarizeArrival({ conditions: 3 }, [s("Condition", "failed")]);
    expect(summary.arrived).toEqual([{ kind: "conditions", count: 3 }]);
    expect(summary.notRead).toEqual(["conditions"]);
  });

  it("a refused kind that still holds resources (an earlier grant) shows what is held, not 'did not share'", () => {
    expect(summarizeArrival({ immunizations: 4 }, [s("Immunization", "refused")])).toEqual({ arrived: [{ kind: "immunizations", count: 4 }], notShared: [], notRead: [], noneFound: [] });
  });

  it("a kind not yet searched (pending) is in no list but 'arrived' when held", () => {
    expect(summarizeArrival({}, [s("Immunization", "pending")])).toEqual({ arrived: [], notShared: [], notRead: [], noneFound: [] });
  });

  it("unknown states read as failed, never as done; zero and missing counts are not 'arrived'", () => {
    expect(searchState("later-word")).toBe("failed");
    expect(summarizeArrival({ labs: 0 }, [s("Observation:laboratory", "later-word")])).toEqual({ arrived: [], notShared: [], notRead: ["labs"], noneFound: [] });
  });
});
