/**
 * Every kind of in-app notification. Each kind is a message key under `notifications.kinds` in the
 * message files (en and zh), rendered with the stored params; no server-only imports, so the
 * notification list can share the type.
 */
export const NOTIFICATION_KINDS = [
  "evidence_accepted",
  "evidence_rejected",
  "evidence_changes_requested",
  "assessment_opened",
  "assessment_in_review",
  "assessment_rated",
  "assessment_returned_to_draft",
  "assessment_approval_recorded",
  "assessment_approved",
  "assessment_approval_withdrawn",
  "assessment_published",
  "assessment_unpublished",
  "posting_blocked",
  "posting_unblocked",
  "good_practice_message",
  "kpi_status_changed",
  "kpi_measurement_overdue",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Values the messages interpolate; all optional strings or numbers so old rows keep rendering. */
export type NotificationParams = {
  cityName?: string;
  cycle?: string;
  evidenceTitle?: string;
  reason?: string;
  actorName?: string;
  approvals?: number;
  required?: number;
  kpiName?: string;
  status?: string;
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
