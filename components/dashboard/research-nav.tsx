import Link from "next/link";

const PAGES = [
  { href: "/dashboard/research-clients", label: "Research clients and exports" },
  { href: "/dashboard/webhooks", label: "Webhooks" },
] as const;

/** The two research-data pages link to each other (one entry in the staff navigation opens them). */
export function ResearchNav({ current }: { current: (typeof PAGES)[number]["href"] }) {
  return (
    <nav aria-label="Research data" className="flex flex-wrap gap-2">
      {PAGES.map((p) => (
        <Link
          key={p.href}
          href={p.href}
          aria-current={p.href === current ? "page" : undefined}
          className={`inline-flex min-h-11 items-center rounded-lg border-2 px-4 py-2 font-semibold ${p.href === current ? "border-blue-800 bg-blue-800 text-white" : "border-blue-800 bg-white text-blue-900 underline underline-offset-4"}`}
        >
          {p.label}
        </Link>
      ))}
    </nav>
  );
}
