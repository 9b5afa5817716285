"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The navigation's links, the current section marked (aria-current) for screen readers and eyes. */
export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const path = usePathname();
  const current = links.filter((l) => path === l.href || path.startsWith(`${l.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="flex flex-wrap gap-1">
      {links.map(({ href, label }) => (
        <li key={href}>
          <Link
            href={href}
            aria-current={href === current ? "page" : undefined}
            className="inline-flex min-h-10 items-center rounded-md px-3 py-2 text-blue-800 underline underline-offset-4 aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold aria-[current=page]:text-blue-950 aria-[current=page]:no-underline"
          >
            {label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
