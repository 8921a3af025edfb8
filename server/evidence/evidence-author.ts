import { sql } from "drizzle-orm";
import { evidence } from "@/db/schema/evidence";
import { users } from "@/db/schema/identity";

/**
 * Who a piece of evidence is shown as written by (select it beside a join of `users` on the author):
 * the author's name, or, once their account is erased, the department it was attributed to
 * (server/privacy/erasure.ts); null when they had none, and the pages say "City department".
 */
export const evidenceAuthorName = sql<
  string | null
>`case when ${evidence.attributedAt} is null then ${users.name} else ${evidence.attributedTo} end`;
