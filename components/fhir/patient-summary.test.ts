import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { danielAdamsDstu2, danielAdamsR4, hostilePatient } from "@/lib/fhir/test-fixtures";
import type { Patient } from "@/lib/fhir/types";
import { AddressDisplay } from "./AddressDisplay";
import { ContactPointList } from "./ContactPointList";
import { HumanNameDisplay } from "./HumanNameDisplay";
import { IdentifierList } from "./IdentifierList";
import { PatientSummary } from "./PatientSummary";

const now = new Date("2026-06-15T12:00:00Z");
const render = (patient: unknown) => renderToStaticMarkup(createElement(PatientSummary, { patient: patient as Patient, now }));
/** The visible text of some markup, entities decoded (enough for these assertions). */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

describe("PatientSummary", () => {
  it("renders the walkthrough's DSTU2 patient as a definition list", () => {
    const html = render(danielAdamsDstu2);
    expect(html.startsWith("<dl")).toBe(true);
    const text = textOf(html);
    expect(text).toContain("Official name Daniel X. Adams");
    expect(text).toContain("Identifiers Medical record number: 1288992");
    expect(text).toContain("Gender Male");
    expect(text).toContain("Birth date December 23, 1925 (age 100)");
    expect(text).toContain("Address 1 Hill AveApt 14 Tulsa, OK 74117 USA");
    expect(text).toContain("Contact Email: daniel.adams@example.com");
    expect(text).toContain("Language Not recorded");
    expect(text).toContain("Deceased Not recorded");
    expect(text).toContain("Managing organization Not recorded");
  });

  it("renders every name and the R4 extras", () => {
    const text = textOf(render(danielAdamsR4));
    expect(text).toContain("Official name Daniel X. Adams");
    expect(text).toContain("Usual name Dan Adams");
    expect(text).toContain("Language English (United States) (preferred), Spanish");
    expect(text).toContain("Deceased Yes, March 1, 2020");
    // Not "(age 100)" beside a date of death.
    expect(text).toContain("Birth date December 23, 1925 (died aged 94)");
    expect(text).toContain("Managing organization Tulsa General Hospital");
    expect(text).toContain("Phone: +1 918 555 0100 (mobile)");
  });

  it("renders a hostile patient's markup escaped, never as elements", () => {
    const html = render(hostilePatient);
    expect(html).not.toMatch(/<script|<img|<style|<b>|<i>/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(textOf(html)).toContain('Official name <img src=x onerror="alert(1)"> Adams<script>alert(1)</script>');
  });

  it("renders a patient with nothing, or with wrong types, without crashing", () => {
    for (const patient of [{}, { name: "x", address: null, telecom: 5, identifier: {}, gender: 1, birthDate: [] }]) {
      const text = textOf(render(patient));
      expect(text).toContain("Name Not recorded");
      expect(text).toContain("Identifiers Not recorded");
      expect(text).toContain("Birth date Not recorded");
    }
  });

  it("bounds very long values", () => {
    const html = render({ name: [{ family: "a".repeat(100_000) }], address: [{ line: ["b".repeat(100_000)] }] });
    expect(html.length).toBeLessThan(10_000);
  });
});

describe("small components", () => {
  it("HumanNameDisplay", () => {
    expect(renderToStaticMarkup(createElement(HumanNameDisplay, { name: danielAdamsDstu2.name[0] }))).toBe(
      '<span dir="auto">Daniel X. Adams</span>',
    );
    expect(renderToStaticMarkup(createElement(HumanNameDisplay, { name: undefined }))).toBe(
      '<span dir="auto">Name not given</span>',
    );
  });

  it("AddressDisplay", () => {
    const html = renderToStaticMarkup(createElement(AddressDisplay, { address: danielAdamsDstu2.address[0], showUse: true }));
    expect(textOf(html)).toBe("Home 1 Hill AveApt 14 Tulsa, OK 74117 USA");
    expect(renderToStaticMarkup(createElement(AddressDisplay, { address: null }))).toBe("");
  });

  it("IdentifierList and ContactPointList", () => {
    expect(textOf(renderToStaticMarkup(createElement(IdentifierList, { identifiers: danielAdamsDstu2.identifier })))).toBe(
      "Medical record number: 1288992",
    );
    expect(textOf(renderToStaticMarkup(createElement(ContactPointList, { telecom: [] })))).toBe("None recorded");
  });
});
