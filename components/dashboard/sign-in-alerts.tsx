import { Notice } from "@/components/ui/notice";
import { listSignInAlerts } from "@/lib/data/sign-in-throttle";
import { roleAtLeast, type StaffSession } from "@/lib/staff/roles";

/**
 * For admins, above every dashboard page: the staff accounts someone is trying to guess the
 * password of within the last hour (lib/staff/sign-in-alert.ts). Each is also in the audit log.
 */
export async function SignInAlerts({ staff }: { staff: StaffSession }) {
  if (!roleAtLeast(staff.role, "admin")) return null;
  const alerts = await listSignInAlerts(staff);
  if (alerts.length === 0) return null;
  return (
    <div className="mb-6">
      <Notice tone="error">
        <p className="font-semibold">Someone may be trying to guess a staff password.</p>
        <ul className="mt-2 list-disc pl-6">
          {alerts.map((a) => (
            <li key={a.email}>
              {a.email}: {a.failures} failed sign-ins from {a.clients} address{a.clients === 1 ? "" : "es"} in the last hour.
            </li>
          ))}
        </ul>
        <p className="mt-2">
          Each address waits longer after every few failures, so the account stays usable from its owner&apos;s own computer. Check with its owner.
          Should the password be known to others, disable the account (npm run staff:disable): that also ends all its sessions.
        </p>
      </Notice>
    </div>
  );
}
