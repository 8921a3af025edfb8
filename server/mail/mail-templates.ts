import { createTranslator } from "next-intl";
import enMail from "@/messages/en/mail.json";
import enNotifications from "@/messages/en/notifications.json";
import zhMail from "@/messages/zh/mail.json";
import zhNotifications from "@/messages/zh/notifications.json";
import type { MailLocale } from "./mail-config";

/** A rendered mail: both parts are built from the same paragraphs, in the recipient's language. */
export type RenderedMail = { subject: string; text: string; html: string };

const MESSAGES = {
  en: { mail: enMail, notifications: enNotifications },
  zh: { mail: zhMail, notifications: zhNotifications },
} as const;

function translator(locale: MailLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "mail.templates" });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

type Layout = {
  subject: string;
  paragraphs: string[];
  list?: string[];
  action?: { label: string; url: string };
  footer: Array<{ text: string; url?: string }>;
};

function compose(locale: MailLocale, layout: Layout): RenderedMail {
  const t = translator(locale);
  const text = [
    t("greeting"),
    "",
    ...layout.paragraphs.flatMap((p) => [p, ""]),
    ...(layout.list?.length ? [...layout.list.map((item) => `- ${item}`), ""] : []),
    ...(layout.action ? [`${layout.action.label}: ${layout.action.url}`, ""] : []),
    ...layout.footer.flatMap((f) => [f.url ? `${f.text}: ${f.url}` : f.text, ""]),
    t("signature"),
  ].join("\n");
  const html = [
    `<!doctype html><html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${escapeHtml(layout.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a;max-width:560px">',
    `<p>${escapeHtml(t("greeting"))}</p>`,
    ...layout.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    layout.list?.length ? `<ul>${layout.list.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>` : "",
    layout.action
      ? `<p><a href="${escapeHtml(layout.action.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">${escapeHtml(layout.action.label)}</a></p><p style="font-size:12px;color:#475569">${escapeHtml(layout.action.url)}</p>`
      : "",
    ...layout.footer.map(
      (f) =>
        `<p style="font-size:12px;color:#475569">${f.url ? `<a href="${escapeHtml(f.url)}">${escapeHtml(f.text)}</a>` : escapeHtml(f.text)}</p>`,
    ),
    `<p>${escapeHtml(t("signature"))}</p></body></html>`,
  ].join("\n");
  return { subject: layout.subject, text, html };
}

type CityRoleName = "citizen" | "partner" | "department" | "leadership";

export function renderInvitation(
  locale: MailLocale,
  p: { cityName: string; inviterName: string; role: CityRoleName; url: string; days: number },
): RenderedMail {
  const t = translator(locale);
  const role = t(`roles.${p.role}`);
  return compose(locale, {
    subject: t("invitation.subject", { cityName: p.cityName }),
    paragraphs: [t("invitation.body", { inviterName: p.inviterName, cityName: p.cityName, role })],
    action: { label: t("invitation.action"), url: p.url },
    footer: [{ text: t("invitation.expires", { days: p.days }) }, { text: t("ignore") }],
  });
}

export function renderVerification(locale: MailLocale, p: { url: string; days: number }): RenderedMail {
  const t = translator(locale);
  return compose(locale, {
    subject: t("verification.subject"),
    paragraphs: [t("verification.body")],
    action: { label: t("verification.action"), url: p.url },
    footer: [{ text: t("verification.expires", { days: p.days }) }, { text: t("ignore") }],
  });
}

export function renderSignUpExisting(locale: MailLocale, p: { url: string }): RenderedMail {
  const t = translator(locale);
  return compose(locale, {
    subject: t("signUpExisting.subject"),
    paragraphs: [t("signUpExisting.body")],
    action: { label: t("signUpExisting.action"), url: p.url },
    footer: [{ text: t("ignore") }],
  });
}

export function renderPasswordReset(locale: MailLocale, p: { url: string; minutes: number }): RenderedMail {
  const t = translator(locale);
  return compose(locale, {
    subject: t("passwordReset.subject"),
    paragraphs: [t("passwordReset.body")],
    action: { label: t("passwordReset.action"), url: p.url },
    footer: [{ text: t("passwordReset.expires", { minutes: p.minutes }) }, { text: t("ignore") }],
  });
}

type DigestItem = { kind: string; params: Record<string, unknown> };
export const DIGEST_MAX_ITEMS = 20;

/** One line per notification, worded as on the notifications page (messages notifications.kinds). */
function notificationLine(locale: MailLocale, item: DigestItem): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "notifications.kinds" });
  try {
    return t(item.kind as "unknown", item.params as Record<string, string>);
  } catch {
    return t("unknown");
  }
}

export function renderDigest(
  locale: MailLocale,
  p: { items: DigestItem[]; total: number; url: string; frequency: string; unsubscribeUrl: string },
): RenderedMail {
  const t = translator(locale);
  const shown = p.items.slice(0, DIGEST_MAX_ITEMS).map((item) => notificationLine(locale, item));
  const more = p.total - shown.length;
  return compose(locale, {
    subject: t("digest.subject", { count: p.total }),
    paragraphs: [t("digest.body")],
    list: more > 0 ? [...shown, t("digest.more", { count: more })] : shown,
    action: { label: t("digest.action"), url: p.url },
    footer: [{ text: t("digest.why", { frequency: p.frequency }) }, { text: t("digest.unsubscribe"), url: p.unsubscribeUrl }],
  });
}
