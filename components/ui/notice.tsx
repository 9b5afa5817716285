/** A message box announced to screen readers. */
export function Notice({ tone = "info", children }: { tone?: "info" | "error" | "success"; children: React.ReactNode }) {
  const styles = {
    info: "border-blue-300 bg-blue-50 text-blue-950",
    error: "border-red-300 bg-red-50 text-red-950",
    success: "border-green-300 bg-green-50 text-green-950",
  };
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg border-2 p-4 text-lg ${styles[tone]}`}>
      {children}
    </div>
  );
}
