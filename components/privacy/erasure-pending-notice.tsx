import { after } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/states";
import { getDb } from "@/db/app-db";
import { Link } from "@/i18n/navigation";
import { reportUnexpectedError } from "@/server/errors/report-error";
import { sweepDueErasuresLazily } from "@/server/privacy/erasure";
import { pendingErasureDueAt } from "@/server/privacy/privacy-data";
import { getViewer } from "@/server/session/viewer";

/**
 * Shown on every work page while the viewer's account is scheduled for deletion (one indexed read).
 * Also where due erasures are swept, after the response (see sweepDueErasuresLazily).
 */
export async function ErasurePendingNotice() {
  const viewer = await getViewer();
  if (!viewer) return null;
  const db = await getDb();
  after(() => sweepDueErasuresLazily(db).catch((error) => reportUnexpectedError(error, "erasure sweep")));
  const dueAt = await pendingErasureDueAt(db, viewer.id);
  if (!dueAt) return null;
  const [t, format] = await Promise.all([getTranslations("privacy.account"), getFormatter()]);
  return (
    <div className="mx-auto mb-4 max-w-3xl" data-testid="erasure-pending-notice">
      <Alert tone="warning">
        {t("pending", { date: format.dateTime(dueAt, { dateStyle: "long" }) })}{" "}
        <Link href="/account/privacy" className="font-medium underline">
          {t("cancelButton")}
        </Link>
      </Alert>
    </div>
  );
}
