/** The outbox statuses (no imports: client components share them). */
export const MAIL_STATUSES = ["pending", "sending", "sent", "dead"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
