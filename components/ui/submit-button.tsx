/** A large form button (at least 48px tall) in the portal's two styles. */
export function SubmitButton({
  children,
  variant = "primary",
  name,
  value,
}: {
  children: React.ReactNode;
  variant?: "primary" | "secondary" | "danger";
  name?: string;
  value?: string;
}) {
  const styles = {
    primary: "bg-blue-800 text-white hover:bg-blue-900",
    secondary: "bg-white text-blue-900 border-2 border-blue-800 hover:bg-blue-50",
    danger: "bg-red-800 text-white hover:bg-red-900",
  };
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={`inline-flex min-h-12 items-center justify-center rounded-lg px-6 py-3 text-lg font-semibold ${styles[variant]}`}
    >
      {children}
    </button>
  );
}
