import Link from "next/link";

const styles = {
  primary: "bg-blue-800 text-white hover:bg-blue-900",
  secondary: "bg-white text-blue-900 border-2 border-blue-800 hover:bg-blue-50",
};

/** A link that looks like a large button: at least 48px tall, for fingers and older eyes. */
export function ButtonLink({
  href,
  children,
  variant = "primary",
}: {
  href: string;
  children: React.ReactNode;
  variant?: keyof typeof styles;
}) {
  return (
    <Link
      href={href}
      className={`inline-flex min-h-12 items-center justify-center rounded-lg px-6 py-3 text-lg font-semibold no-underline ${styles[variant]}`}
    >
      {children}
    </Link>
  );
}
