import Link from "next/link";

export default function ParticipantNotFound() {
  return (
    <section className="space-y-4" aria-labelledby="participant-nf-title">
      <h1 id="participant-nf-title" className="text-3xl font-bold">Participant not found</h1>
      <p className="text-lg">No participant has that id.</p>
      <Link href="/dashboard" className="text-blue-800 underline underline-offset-4">Back to participants</Link>
    </section>
  );
}
