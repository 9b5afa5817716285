import type { ReactNode } from "react";
import {
  addressLines,
  patientAge,
  formatCommunication,
  formatDate,
  formatDeceased,
  formatGender,
  formatHumanName,
  formatManagingOrganization,
  nameUseLabel,
} from "@/lib/fhir/format";
import { records } from "@/lib/fhir/text";
import type { Address, HumanName, Patient } from "@/lib/fhir/types";
import { AddressDisplay } from "./AddressDisplay";
import { ContactPointList } from "./ContactPointList";
import { HumanNameDisplay } from "./HumanNameDisplay";
import { IdentifierList } from "./IdentifierList";

export interface PatientSummaryProps {
  patient: Patient;
  /** The date ages are computed on. Default: now. */
  now?: Date;
  /** Locale for dates. Default "en-US". */
  locale?: string;
}

function NotRecorded() {
  return <span className="text-gray-500">Not recorded</span>;
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-gray-200 py-3 sm:grid-cols-[14rem_1fr] sm:gap-6">
      <dt className="font-semibold text-gray-700">{term}</dt>
      <dd className="break-words text-gray-900" dir="auto">
        {children}
      </dd>
    </div>
  );
}

function nameTerm(name: HumanName): string {
  const use = nameUseLabel(name.use);
  return use === undefined ? "Name" : `${use.charAt(0).toUpperCase()}${use.slice(1)} name`;
}

/**
 * Everything study staff need to recognise a participant's Patient record (DSTU2 or R4), as an
 * accessible definition list: every name, identifiers with their type, gender, birth date and
 * age, addresses, contact details, language, deceased status and managing organization.
 * All values are rendered as text (React escapes them); nothing from the EHR is rendered as HTML.
 */
export function PatientSummary({ patient, now = new Date(), locale }: PatientSummaryProps) {
  const names = records(patient.name)
    .map((n) => n as HumanName)
    .filter((n) => formatHumanName(n) !== "");
  const addresses = records(patient.address)
    .map((a) => a as Address)
    .filter((a) => addressLines(a).length > 0);
  const birthDate = formatDate(patient.birthDate, { locale });
  const { age, atDeath } = patientAge(patient, now);
  const ageText = age === undefined ? "" : atDeath ? ` (died aged ${age})` : ` (age ${age})`;
  const gender = formatGender(patient.gender);
  const language = formatCommunication(patient);
  const deceased = formatDeceased(patient, { locale });
  const organization = formatManagingOrganization(patient);

  return (
    <dl className="text-lg leading-relaxed">
      {names.length === 0 ? (
        <Row term="Name">
          <NotRecorded />
        </Row>
      ) : (
        names.map((name, index) => (
          <Row key={`name-${index}`} term={nameTerm(name)}>
            <HumanNameDisplay name={name} />
          </Row>
        ))
      )}
      <Row term="Identifiers">
        <IdentifierList identifiers={patient.identifier} emptyText="Not recorded" />
      </Row>
      <Row term="Gender">{gender || <NotRecorded />}</Row>
      <Row term="Birth date">
        {birthDate === "" ? <NotRecorded /> : `${birthDate}${ageText}`}
      </Row>
      <Row term={addresses.length > 1 ? "Addresses" : "Address"}>
        {addresses.length === 0 ? (
          <NotRecorded />
        ) : (
          <div className="space-y-3">
            {addresses.map((address, index) => (
              <AddressDisplay key={index} address={address} showUse={addresses.length > 1} />
            ))}
          </div>
        )}
      </Row>
      <Row term="Contact">
        <ContactPointList telecom={patient.telecom} emptyText="Not recorded" />
      </Row>
      <Row term="Language">{language || <NotRecorded />}</Row>
      <Row term="Deceased">{deceased || <NotRecorded />}</Row>
      <Row term="Managing organization">{organization || <NotRecorded />}</Row>
    </dl>
  );
}
