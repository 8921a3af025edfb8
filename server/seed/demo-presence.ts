import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema/identity";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo";

type DemoRole = "expert" | "admin" | "leadership" | "department" | "partner" | "citizen";
export type DemoSignInHint = { password: string; accounts: { email: string; role: DemoRole }[] };

/**
 * What the sign-in page may say about demo accounts: only when the demo seed ran on this database
 * (its accounts exist), never on an installation with real users only. One indexed read by email.
 */
export async function demoSignInHint(db: Db): Promise<DemoSignInHint | null> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const present = new Set((await db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((u) => u.email));
  if (present.size === 0) return null;
  return {
    password: DEMO_PASSWORD,
    accounts: DEMO_ACCOUNTS.filter((a) => present.has(a.email)).map((a) => ({ email: a.email, role: a.globalRole ?? a.role ?? "citizen" })),
  };
}
