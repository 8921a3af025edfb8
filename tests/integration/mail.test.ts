import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema/identity";
import { accountTokens, mailOutbox } from "@/db/schema/mail";
import type { EnvSource } from "@/env";
import { requestPasswordReset } from "@/server/accounts/password-reset";
import { authenticateWithPassword } from "@/server/accounts/sign-up";
import { createCaller } from "@/server/api/root-router";
import { deliverDueMail, runMailWorkerOnce } from "@/server/jobs/mail-worker";
import { saveMailSettings, unsubscribeToken } from "@/server/mail/mail-settings";
import { retryDelayMs } from "@/server/mail/outbox";
import { createMailTransport } from "@/server/mail/transport";
import { handleUnsubscribe } from "@/server/mail/unsubscribe";
import { notifyUsers } from "@/server/notifications/notifications";
import { rememberSignInLocale } from "@/server/session/sign-in-locale";
import { callerFor, makeCity, makeUser } from "../helpers/factories";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp-sink";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
let sink: SmtpSink;
const SECRET = "mail-test-secret";

function envFor(smtpUrl: string, extra: EnvSource = {}): EnvSource {
  return { SMTP_URL: smtpUrl, MAIL_FROM: "Platform <no-reply@platform.test>", NEXTAUTH_URL: "http://app.test", ...extra };
}

/** Runs one worker pass against `target` (the shared sink by default) and returns the counts. */
async function deliver(target: SmtpSink = sink, extra: EnvSource = {}) {
  const source = envFor(target.url, extra);
  const transport = createMailTransport(source);
  try {
    return await runMailWorkerOnce(h.db, transport, { secret: SECRET, source });
  } finally {
    transport.close();
  }
}

function mailsTo(address: string, target: SmtpSink = sink) {
  return target.received.filter((m) => m.rcpt.includes(address));
}

function tokenIn(text: string, pathPart: string): string {
  const match = text.match(new RegExp(`${pathPart}[?/](?:token=)?([A-Za-z0-9_-]{20,})`));
  if (!match) throw new Error(`no ${pathPart} link in:\n${text}`);
  return match[1];
}

beforeAll(async () => {
  h = await createTestDb();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await h.close();
});

describe("invitation mail", () => {
  it("is queued with the invitation, sent as multipart text+html, and its link accepts the invitation", async () => {
    const city = await makeCity(h.db, { name: "Mailton" });
    const admin = await makeUser(h.db, { globalRole: "admin", name: "Ada Admin" });
    const email = `invitee-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const invite = await callerFor(h.db, admin.id).cities.invite({
      cityId: city.id,
      email,
      role: "department",
      departmentName: "Transport",
    });
    expect(await callerFor(h.db, admin.id).mail.invitationStatus({ cityId: city.id, invitationId: invite.invitationId })).toEqual({
      status: "pending",
      attempts: 0,
    });
    expect(mailsTo(email)).toHaveLength(0); // nothing is sent inside the request

    await deliver();
    const [mail] = mailsTo(email);
    expect(mail.parsed.subject).toBe("You are invited to Mailton on the Smart City Assessment Platform");
    expect(mail.parsed.from?.text).toContain("no-reply@platform.test");
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.parsed.text).toContain("Ada Admin invited you to join Mailton as department member.");
    expect(mail.parsed.html).toContain("Accept the invitation");
    const token = tokenIn(mail.parsed.text ?? "", "/en/invite");
    expect(token).toBe(invite.token);
    expect(await callerFor(h.db, admin.id).mail.invitationStatus({ cityId: city.id, invitationId: invite.invitationId })).toEqual({
      status: "sent",
      attempts: 1,
    });

    const accepted = await callerFor(h.db, null).accounts.acceptInvitation({
      token,
      name: "Invited Ivy",
      password: "correct-horse-battery-77",
    });
    expect(accepted.email).toBe(email);
  });

  it("is written in Chinese when the inviter works in Chinese", async () => {
    const city = await makeCity(h.db, { name: "邮城" });
    const admin = await makeUser(h.db, { globalRole: "admin", name: "管理员" });
    const email = `zh-invitee-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await createCaller({ db: h.db, userId: admin.id, clientIp: "127.0.0.1", locale: "zh" }).cities.invite({
      cityId: city.id,
      email,
      role: "citizen",
    });
    await deliver();
    const [mail] = mailsTo(email);
    expect(mail.parsed.subject).toBe("您受邀加入智慧城市评估平台上的邮城");
    expect(mail.parsed.text).toContain("管理员邀请您以市民身份加入邮城。");
    expect(mail.parsed.text).toContain("/zh/invite/");
  });
});

describe("password reset", () => {
  it("gives the same answer for an unknown address and queues nothing", async () => {
    const before = await h.db.select().from(mailOutbox);
    const answer = await callerFor(h.db, null, "10.0.0.1").accounts.requestPasswordReset({ email: "nobody-here@example.test" });
    expect(answer).toEqual({ status: "accepted" });
    expect(await h.db.select().from(mailOutbox)).toHaveLength(before.length);
  });

  it("mails a single-use link that sets a new password through the real procedure and ends other sessions", async () => {
    const user = await makeUser(h.db, {
      email: `forgetful-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "old-password-that-works-1",
    });
    const answer = await callerFor(h.db, null, "10.0.0.2").accounts.requestPasswordReset({ email: user.email.toUpperCase() });
    expect(answer).toEqual({ status: "accepted" });
    const [stored] = await h.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    await deliver();
    const [mail] = mailsTo(user.email);
    expect(mail.parsed.subject).toBe("Reset your password");
    expect(mail.parsed.text).toContain("The link works once, for 60 minutes.");
    const token = tokenIn(mail.parsed.text ?? "", "/en/reset-password");
    // Stored hashed: the row holds the SHA-256, never the token.
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan(59 * 60_000);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThan(61 * 60_000);

    const anonymous = callerFor(h.db, null);
    expect(await anonymous.accounts.resetTokenValid({ token })).toBe(true);
    expect(await anonymous.accounts.resetPassword({ token, password: "brand-new-passphrase-22" })).toEqual({ status: "reset" });
    expect(await authenticateWithPassword(h.db, user.email, "brand-new-passphrase-22")).not.toBeNull();
    expect(await authenticateWithPassword(h.db, user.email, "old-password-that-works-1")).toBeNull();
    const [after] = await h.db.select().from(users).where(eq(users.id, user.id));
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);

    // Single use.
    expect(await anonymous.accounts.resetTokenValid({ token })).toBe(false);
    await expectTrpcError(anonymous.accounts.resetPassword({ token, password: "another-new-passphrase-33" }), "NOT_FOUND");
    expect(await authenticateWithPassword(h.db, user.email, "brand-new-passphrase-22")).not.toBeNull();
  });

  it("refuses an expired link and a weak password without changing anything", async () => {
    const user = await makeUser(h.db, {
      email: `late-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "old-password-that-works-2",
    });
    await callerFor(h.db, null, "10.0.0.3").accounts.requestPasswordReset({ email: user.email });
    await deliver();
    const token = tokenIn(mailsTo(user.email)[0].parsed.text ?? "", "/en/reset-password");
    await expectTrpcError(callerFor(h.db, null).accounts.resetPassword({ token, password: "1234567890" }), "BAD_REQUEST");
    await h.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, user.id));
    await expectTrpcError(callerFor(h.db, null).accounts.resetPassword({ token, password: "brand-new-passphrase-44" }), "NOT_FOUND");
    expect(await authenticateWithPassword(h.db, user.email, "old-password-that-works-2")).not.toBeNull();
  });

  it("writes to a Chinese-speaking user in Chinese", async () => {
    const user = await makeUser(h.db, {
      email: `zh-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "old-password-that-works-3",
    });
    await saveMailSettings(h.db, user.id, { locale: "zh" });
    await callerFor(h.db, null, "10.0.0.4").accounts.requestPasswordReset({ email: user.email });
    await deliver();
    const [mail] = mailsTo(user.email);
    expect(mail.parsed.subject).toBe("重置您的密码");
    expect(mail.parsed.text).toContain("有人（希望是您）请求重置您账户的密码。");
    expect(mail.parsed.html).toContain('lang="zh-CN"');
    expect(mail.parsed.text).toContain("/zh/reset-password?token=");
  });

  it("writes in the language the person last signed in with or switched the site to", async () => {
    const user = await makeUser(h.db, {
      email: `switcher-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "switching-password-4",
    });
    const resetMailSubject = async (clientAddress: string) => {
      // The page the reset is asked from is in English; the mail follows the person's language.
      await requestPasswordReset(h.db, { email: user.email, clientAddress, locale: "en", rateLimited: false });
      await deliver();
      return mailsTo(user.email).at(-1)?.parsed.subject;
    };
    // Signed in from a page in Chinese (the locale cookie), though the browser prefers English.
    await rememberSignInLocale(
      async () => h.db,
      user.id,
      new Headers({ cookie: "a=1; NEXT_LOCALE=zh", "accept-language": "en-GB,en;q=0.9" }),
    );
    expect(await resetMailSubject("10.0.0.5")).toBe("重置您的密码");
    // Then switched the site to English while signed in.
    await callerFor(h.db, user.id).mail.rememberLocale({ locale: "en" });
    expect(await resetMailSubject("10.0.0.6")).toBe("Reset your password");
    // A sign-in without the cookie follows the browser's language; a malformed user id is ignored.
    await rememberSignInLocale(async () => h.db, user.id, new Headers({ "accept-language": "zh-CN,zh;q=0.9" }));
    await rememberSignInLocale(async () => h.db, "refused:revoked", new Headers({ cookie: "NEXT_LOCALE=en" }));
    expect((await callerFor(h.db, user.id).mail.settings()).locale).toBe("zh");
  });

  it("is rate limited: per client address with an error, per account silently", async () => {
    const user = await makeUser(h.db, {
      email: `flood-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "old-password-that-works-4",
    });
    for (let i = 0; i < 5; i++) {
      expect(await requestPasswordReset(h.db, { email: user.email, locale: "en", clientAddress: `10.1.0.${i}` })).toEqual({
        status: "accepted",
      });
    }
    const queued = await h.db.select().from(mailOutbox).where(eq(mailOutbox.userId, user.id));
    expect(queued).toHaveLength(3);
    for (let i = 0; i < 10; i++)
      await requestPasswordReset(h.db, { email: "nobody@example.test", locale: "en", clientAddress: "10.2.0.1" });
    await expect(
      requestPasswordReset(h.db, { email: "nobody@example.test", locale: "en", clientAddress: "10.2.0.1" }),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });
});

describe("sign-up verification", () => {
  it("mails a confirmation link; the unconfirmed account signs in but gets no digests until confirmed", async () => {
    const email = `newbie-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await createCaller({ db: h.db, userId: null, clientIp: "127.0.0.1", locale: "zh" }).accounts.signUp({
      email,
      name: "New Bie",
      password: "long-enough-password-9",
    });
    const account = await authenticateWithPassword(h.db, email, "long-enough-password-9");
    expect(account).not.toBeNull();
    await notifyUsers(h.db, [account!.id], { cityId: null, kind: "posting_unblocked", params: {}, href: null });
    await deliver();
    const mails = mailsTo(email);
    expect(mails.map((m) => m.parsed.subject)).toEqual(["请确认您的电子邮件地址"]);

    const token = tokenIn(mails[0].parsed.text ?? "", "/zh/verify-email");
    expect(await callerFor(h.db, null).accounts.verifyEmail({ token })).toEqual({ status: "verified" });
    expect(await callerFor(h.db, null).accounts.verifyEmail({ token })).toEqual({ status: "invalid" });
    await deliver();
    expect(mailsTo(email).map((m) => m.parsed.subject)).toEqual(["请确认您的电子邮件地址", "1 条新通知"]);
  });

  it("tells the owner of an existing address (once an hour) and leaves the account alone", async () => {
    const user = await makeUser(h.db, {
      email: `taken-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "owner-password-is-long-5",
    });
    for (let i = 0; i < 2; i++) {
      expect(
        await callerFor(h.db, null).accounts.signUp({ email: user.email, name: "Intruder", password: "intruder-password-66" }),
      ).toEqual({
        status: "accepted",
      });
    }
    await deliver();
    expect(mailsTo(user.email).map((m) => m.parsed.subject)).toEqual(["Someone tried to sign up with your e-mail address"]);
    expect(await authenticateWithPassword(h.db, user.email, "owner-password-is-long-5")).not.toBeNull();
  });
});

describe("notification digests", () => {
  it("sends immediately when asked, with RFC 8058 unsubscribe headers, and never mails a notification twice", async () => {
    const user = await makeUser(h.db, { email: `eager-${crypto.randomUUID().slice(0, 8)}@example.test` });
    await saveMailSettings(h.db, user.id, { digest: "immediate" });
    await notifyUsers(h.db, [user.id], {
      cityId: null,
      kind: "kpi_status_changed",
      params: { kpiName: "Bus punctuality", status: "at_risk" },
      href: null,
    });
    await notifyUsers(h.db, [user.id], {
      cityId: null,
      kind: "assessment_published",
      params: { cityName: "Mailton", cycle: "2025" },
      href: null,
    });
    await deliver();
    let mails = mailsTo(user.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.parsed.subject).toBe("2 new notifications");
    expect(mail.parsed.text).toContain("KPI “Bus punctuality” is now at risk.");
    expect(mail.parsed.text).toContain("Mailton's 2025 assessment is published.");
    const headerLine = (key: string) => mail.parsed.headerLines.find((l) => l.key === key)?.line.replace(/\r?\n\s+/g, " ") ?? "";
    const listUnsubscribe = headerLine("list-unsubscribe");
    expect(listUnsubscribe).toContain(`http://app.test/api/unsubscribe?u=${user.id}&t=${unsubscribeToken(SECRET, user.id)}`);
    expect(headerLine("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(mail.parsed.text).toContain(`http://app.test/en/unsubscribe?u=${user.id}`);

    await deliver();
    expect(mailsTo(user.email)).toHaveLength(1);
    await notifyUsers(h.db, [user.id], { cityId: null, kind: "posting_unblocked", params: {}, href: null });
    await deliver();
    mails = mailsTo(user.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].parsed.subject).toBe("1 new notification");
  });

  it("collects a daily digest: one a day, the next only a day later; off sends none", async () => {
    const daily = await makeUser(h.db, { email: `daily-${crypto.randomUUID().slice(0, 8)}@example.test` });
    const off = await makeUser(h.db, { email: `off-${crypto.randomUUID().slice(0, 8)}@example.test` });
    await saveMailSettings(h.db, off.id, { digest: "off" });
    const note = { cityId: null, kind: "posting_unblocked" as const, params: {}, href: null };
    await notifyUsers(h.db, [daily.id, off.id], note);
    await deliver();
    expect(mailsTo(daily.email)).toHaveLength(1);
    await notifyUsers(h.db, [daily.id, off.id], note);
    await deliver();
    expect(mailsTo(daily.email)).toHaveLength(1);
    const tomorrow = () => new Date(Date.now() + 25 * 3_600_000);
    const source = envFor(sink.url);
    const transport = createMailTransport(source);
    await runMailWorkerOnce(h.db, transport, { secret: SECRET, source, now: tomorrow });
    transport.close();
    expect(mailsTo(daily.email)).toHaveLength(2);
    expect(mailsTo(off.email)).toHaveLength(0);
  });

  it("unsubscribes with one click (RFC 8058 POST); a GET changes nothing; a forged token is refused", async () => {
    const user = await makeUser(h.db, { email: `leaver-${crypto.randomUUID().slice(0, 8)}@example.test` });
    await saveMailSettings(h.db, user.id, { digest: "immediate" });
    const url = `http://app.test/api/unsubscribe?u=${user.id}&t=${unsubscribeToken(SECRET, user.id)}`;
    const oneClick = {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };

    const get = await handleUnsubscribe(async () => h.db, SECRET, new Request(url));
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toContain("/en/unsubscribe?u=");
    expect((await callerFor(h.db, user.id).mail.settings()).digest).toBe("immediate");

    const forged = await handleUnsubscribe(
      async () => h.db,
      SECRET,
      new Request(`http://app.test/api/unsubscribe?u=${user.id}&t=forged`, oneClick),
    );
    expect(forged.status).toBe(400);
    expect((await callerFor(h.db, user.id).mail.settings()).digest).toBe("immediate");

    const done = await handleUnsubscribe(async () => h.db, SECRET, new Request(url, oneClick));
    expect(done.status).toBe(200);
    expect((await callerFor(h.db, user.id).mail.settings()).digest).toBe("off");
    await notifyUsers(h.db, [user.id], { cityId: null, kind: "posting_unblocked", params: {}, href: null });
    await deliver();
    expect(mailsTo(user.email)).toHaveLength(0);

    const page = await handleUnsubscribe(async () => h.db, SECRET, new Request(`${url}&locale=zh`, { method: "POST", body: "" }));
    expect(page.headers.get("location")).toBe("/zh/unsubscribe?done=1");
  });

  it("answers a one-click unsubscribe with 503 and Retry-After while the database is unreachable, without internals", async () => {
    const user = await makeUser(h.db, { email: `outage-${crypto.randomUUID().slice(0, 8)}@example.test` });
    const url = `http://app.test/api/unsubscribe?u=${user.id}&t=${unsubscribeToken(SECRET, user.id)}`;
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const res = await handleUnsubscribe(
      () => Promise.reject(refused),
      SECRET,
      new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click" }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    const body = await res.text();
    expect(body).toMatch(/error id/);
    expect(body).not.toContain("ECONNREFUSED");
    expect(body).not.toContain("5432");
  });

  it("skips notifications already read in the app", async () => {
    const user = await makeUser(h.db, { email: `reader-${crypto.randomUUID().slice(0, 8)}@example.test` });
    await notifyUsers(h.db, [user.id], { cityId: null, kind: "posting_unblocked", params: {}, href: null });
    await callerFor(h.db, user.id).notifications.markAllRead();
    await deliver();
    expect(mailsTo(user.email)).toHaveLength(0);
  });
});

describe("the queue", () => {
  it("a slow mail server does not slow the request that queues a mail", async () => {
    const slow = await startSmtpSink({ delayMs: 1500 });
    try {
      const first = await makeUser(h.db, {
        email: `slow1-${crypto.randomUUID().slice(0, 8)}@example.test`,
        password: "slow-password-long-1",
      });
      const second = await makeUser(h.db, {
        email: `slow2-${crypto.randomUUID().slice(0, 8)}@example.test`,
        password: "slow-password-long-2",
      });
      await callerFor(h.db, null, "10.3.0.1").accounts.requestPasswordReset({ email: first.email });
      const worker = deliver(slow); // busy with the slow server from here on
      const started = performance.now();
      await callerFor(h.db, null, "10.3.0.2").accounts.requestPasswordReset({ email: second.email });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(1500);
      expect(slow.received).toHaveLength(0); // the request finished while the server still held the first mail
      await worker;
      await slow.waitFor(2);
      expect(mailsTo(first.email, slow)).toHaveLength(1);
      expect(mailsTo(second.email, slow)).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it("retries a refusing server with exponential backoff, then dead-letters; the admin sees it and retries it", async () => {
    const refusing = await startSmtpSink({ refuse: true });
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const user = await makeUser(h.db, {
      email: `refused-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "refused-password-long",
    });
    try {
      await callerFor(h.db, null, "10.4.0.1").accounts.requestPasswordReset({ email: user.email });
      const [row] = await h.db.select().from(mailOutbox).where(eq(mailOutbox.userId, user.id));
      const source = envFor(refusing.url, { MAIL_MAX_ATTEMPTS: "3", MAIL_RETRY_BASE_SECONDS: "30" });
      const transport = createMailTransport(source);
      let clock = Date.now();
      const options = { maxAttempts: 3, baseSeconds: 30, now: () => new Date(clock) };
      expect(await deliverDueMail(h.db, transport, options)).toMatchObject({ retrying: 1 });
      let [state] = await h.db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
      expect(state).toMatchObject({ status: "pending", attempts: 1 });
      expect(state.lastError).toContain("550");
      expect(state.nextAttemptAt.getTime()).toBe(clock + 30_000);
      expect(await deliverDueMail(h.db, transport, options)).toMatchObject({ sent: 0, retrying: 0, dead: 0 }); // not due yet
      clock += 30_000;
      expect(await deliverDueMail(h.db, transport, options)).toMatchObject({ retrying: 1 });
      [state] = await h.db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
      expect(state.nextAttemptAt.getTime()).toBe(clock + 60_000);
      clock += 60_000;
      expect(await deliverDueMail(h.db, transport, options)).toMatchObject({ dead: 1 });
      transport.close();
      expect(mailsTo(user.email)).toHaveLength(0);

      const asAdmin = callerFor(h.db, admin.id);
      const dead = await asAdmin.mail.list({ status: "dead" });
      expect(dead.items.map((i) => i.id)).toContain(row.id);
      expect((await asAdmin.mail.get({ id: row.id })).attempts).toBe(3);
      await asAdmin.mail.retry({ id: row.id });
      await expectTrpcError(asAdmin.mail.retry({ id: row.id }), "CONFLICT");
      await deliver();
      expect(mailsTo(user.email)).toHaveLength(1);
      [state] = await h.db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
      expect(state.status).toBe("sent");
    } finally {
      await refusing.close();
    }
  });

  it("backs off exponentially", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 30) / 1000)).toEqual([30, 60, 120, 240, 480]);
  });

  it("two workers at once send every mail exactly once (SKIP LOCKED)", async () => {
    const crowd = await startSmtpSink();
    try {
      const people = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          makeUser(h.db, { email: `crowd${i}-${crypto.randomUUID().slice(0, 6)}@example.test`, password: "crowd-password-long-1" }),
        ),
      );
      for (const [i, p] of people.entries())
        await requestPasswordReset(h.db, { email: p.email, locale: "en", clientAddress: `10.5.0.${i}`, rateLimited: false });
      const source = envFor(crowd.url);
      const a = createMailTransport(source);
      const b = createMailTransport(source);
      const options = { maxAttempts: 5, baseSeconds: 30, batch: 3 };
      const [ra, rb] = await Promise.all([deliverDueMail(h.db, a, options), deliverDueMail(h.db, b, options)]);
      a.close();
      b.close();
      expect(ra.sent + rb.sent).toBeGreaterThanOrEqual(12);
      for (const p of people) expect(mailsTo(p.email, crowd)).toHaveLength(1);
      const ids = crowd.received.map((m) => m.parsed.messageId);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await crowd.close();
    }
  });
});

describe("without SMTP_URL", () => {
  it("writes each message as an .eml file with both parts", async () => {
    const dir = path.join(os.tmpdir(), `mail-eml-${crypto.randomUUID()}`);
    const user = await makeUser(h.db, { email: `eml-${crypto.randomUUID().slice(0, 8)}@example.test`, password: "eml-password-long-77" });
    await requestPasswordReset(h.db, { email: user.email, locale: "en", clientAddress: "10.6.0.1", rateLimited: false });
    const source: EnvSource = { MAIL_DIR: dir, NEXTAUTH_URL: "http://app.test" };
    const transport = createMailTransport(source);
    expect(transport.description).toEqual({ kind: "file", dir });
    await runMailWorkerOnce(h.db, transport, { secret: SECRET, source });
    const files = await readdir(dir);
    const contents = await Promise.all(files.map((f) => readFile(path.join(dir, f), "utf8")));
    const eml = contents.find((c) => c.includes(`To: ${user.email}`));
    expect(eml).toBeDefined();
    expect(eml).toMatch(/Subject: Reset your password/);
    expect(eml).toMatch(/multipart\/alternative/);
    const [row] = await h.db.select().from(mailOutbox).where(eq(mailOutbox.userId, user.id));
    expect(row.status).toBe("sent");
    expect(row.deliveredTo).toContain(dir);
  });
});
