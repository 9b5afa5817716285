import { studyContact } from "@/lib/accounts/contact";

type Words = { contact: string; email: string; phone: string };

/** The study team's contact (STUDY_CONTACT_NAME, _EMAIL, _PHONE), on every participant page, in the page's words. */
export function StudyContact({ words }: { words: Words }) {
  const contact = studyContact();
  return (
    <section aria-labelledby="contact-title" className="space-y-1">
      <h2 id="contact-title" className="text-base font-semibold">{words.contact}</h2>
      <ul className="flex flex-wrap gap-x-6 gap-y-1">
        {contact.email && (
          <li>
            {words.email} <a href={`mailto:${contact.email}`} className="underline underline-offset-4">{contact.email}</a>
          </li>
        )}
        {contact.phone && (
          <li>
            {words.phone} <a href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`} className="underline underline-offset-4">{contact.phone}</a>
          </li>
        )}
      </ul>
    </section>
  );
}
