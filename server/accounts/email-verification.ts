import type { Db } from "@/db/client";
import { saveMailSettings } from "@/server/mail/mail-settings";
import { consumeAccountToken } from "./account-tokens";

/** Confirms a signed-up user's address with the link's token (single use); notification e-mails start then. */
export async function verifyEmail(db: Db, token: string): Promise<{ status: "verified" | "invalid" }> {
  return db.transaction(async (tx) => {
    const userId = await consumeAccountToken(tx, token, "email_verification");
    if (!userId) return { status: "invalid" as const };
    await saveMailSettings(tx, userId, { unverified: false, emailVerifiedAt: new Date() });
    return { status: "verified" as const };
  });
}
