import { generateKeyPairSync } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { evidence } from "@/db/schema/evidence";
import { memberships, users } from "@/db/schema/identity";
import { notifications } from "@/db/schema/notifications";
import { comments } from "@/db/schema/participation";
import { erasureRequests } from "@/db/schema/privacy";
import { listCityCheckpoints, takeCityCheckpoint } from "@/server/audit/audit-checkpoints";
import { publishedCheckpointsSchema } from "@/server/audit/audit-schemas";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import { signerFor } from "@/server/audit/checkpoint-signing";
import { verifyAgainstCheckpoints } from "@/server/audit/checkpoint-verify";
import { exportPersonalData } from "@/server/privacy/data-export";
import { sweepDueErasures, sweepDueErasuresLazily, textColumns } from "@/server/privacy/erasure";
import { savePrivacySettings } from "@/server/privacy/privacy-data";
import { rowsOf } from "@/server/privacy/raw-sql";
import { SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { addMembership, callerFor, makeAssessment, makeCity, makeUser, moveAssessmentTo, READY } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;

/** Every (table, column) whose text holds `needle`, over every text, varchar and jsonb column. */
async function whereFound(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column, type } of await textColumns(h.db)) {
    const col = sql.raw(`"${column}"`);
    const value = type === "jsonb" ? sql`${col}::text` : col;
    const result = await h.db.execute(
      sql`select count(*)::int as n from ${sql.raw(`"${table}"`)} where strpos(lower(${value}), lower(${needle})) > 0`,
    );
    const rows = rowsOf<{ n: number }>(result);
    if (Number(rows[0].n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

async function everyChainVerifies() {
  const keys = await h.db.selectDistinct({ key: auditEvents.chainKey }).from(auditEvents);
  expect(keys.length).toBeGreaterThan(1);
  for (const { key } of keys) expect(await verifyAuditChain(h.db, key), key).toMatchObject({ ok: true });
}

describe("privacy: export, deletion request and erasure", () => {
  it("erases a person who wrote comments, evidence and an approval; chains verify; name and e-mail are gone", async () => {
    const name = "Zuzanna Privacytest";
    const email = "zuzanna.privacytest@example.test";
    const person = await makeUser(h.db, { name, email });
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const worksIn = await makeCity(h.db);
    const leadsIn = await makeCity(h.db);
    const author = await makeUser(h.db);
    await addMembership(h.db, worksIn.id, author.id, "department");
    await addMembership(h.db, worksIn.id, person.id, "department", { departmentName: "Urban Mobility" });
    await addMembership(h.db, leadsIn.id, person.id, "leadership");
    const me = callerFor(h.db, person.id);

    const draft = await makeAssessment(h.db, { ...READY, cityId: worksIn.id, status: "draft", authorId: author.id });
    const item = await me.evidence.submit({ assessmentId: draft.id, characteristicKey: "funding", ...SAMPLE_CONTENT.ppp });
    const comment = await me.comments.post({
      assessmentId: draft.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "internal",
      body: "The bus figures come from the 2024 survey.",
    });
    const rated = await makeAssessment(h.db, { ...READY, cityId: leadsIn.id, status: "rated", authorId: author.id, cycle: "2023" });
    await me.workflow.approve({ assessmentId: rated.id });
    // Someone else's notification and an invitation that carry the name / e-mail as text.
    await h.db.insert(notifications).values({ userId: author.id, kind: "matrix", params: { actorName: name } });
    await callerFor(h.db, admin.id).cities.invite({ cityId: worksIn.id, email, role: "citizen" });

    // A single sign-on link (its last sign-in is the only sign-in record kept).
    await h.db.execute(
      sql`insert into oidc_accounts (user_id, issuer, subject, last_sign_in_at) values (${person.id}, 'https://idp.example.test', 'sub-zuzanna', now())`,
    );

    // Outsiders saved signed checkpoints of both cities before the erasure.
    const signer = signerFor(generateKeyPairSync("ed25519").privateKey, "configured");
    const saved = [];
    for (const city of [worksIn, leadsIn]) {
      await takeCityCheckpoint(h.db, city.id, "daily", { signer });
      saved.push(publishedCheckpointsSchema.parse(JSON.parse(JSON.stringify(await listCityCheckpoints(h.db, city)))));
    }

    // Download my data: the comment is in it, secrets are not.
    const exported = await exportPersonalData(h.db, person.id);
    expect(exported.profile).toMatchObject({ name, email });
    expect(JSON.stringify(exported.records.comments)).toContain("The bus figures come from the 2024 survey.");
    expect(exported.records.evidence?.some((r) => r.rows.some((row) => row.id === item.id))).toBe(true);
    expect(exported.records.memberships?.[0].rows).toHaveLength(2);
    expect(exported.records.oidc_accounts?.[0].rows[0]).toMatchObject({ subject: "sub-zuzanna" });
    expect(JSON.stringify(exported)).not.toContain("password_hash");
    expect(JSON.stringify(exported)).not.toContain("token_hash");
    // The invitation to their address, and its mail, are theirs too.
    expect(exported.records.invitations?.some((g) => g.column === "email" && g.rows.length === 1)).toBe(true);
    expect(exported.records.mail_outbox?.some((g) => g.rows.some((r) => r.to_address === email))).toBe(true);

    // Request with a grace period; nothing happens before it ends.
    const requested = await me.privacy.requestErasure();
    expect(requested.dueAt.getTime() - Date.now()).toBeGreaterThan(13 * DAY);
    expect((await me.privacy.status()).pending?.id).toBe(requested.id);
    expect(await sweepDueErasures(h.db, new Date(Date.now() + 13 * DAY))).toEqual({ erased: [] });
    await expectTrpcError(callerFor(h.db, admin.id).privacy.eraseNow({ requestId: requested.id }), "CONFLICT");

    // The sweep with a clock past the grace period; two sweeps at once erase once.
    const later = new Date(Date.now() + 15 * DAY);
    const [a, b] = await Promise.all([sweepDueErasures(h.db, later), sweepDueErasures(h.db, later)]);
    expect([...a.erased, ...b.erased]).toEqual([person.id]);

    const [after] = await h.db.select().from(users).where(eq(users.id, person.id));
    expect(after).toMatchObject({ name: "Deleted user", passwordHash: null, sessionVersion: person.sessionVersion + 1 });
    expect((await h.db.select().from(memberships).where(eq(memberships.userId, person.id))).every((m) => m.revokedAt)).toBe(true);
    // Evidence stays with the city, attributed to the department through the (revoked) membership.
    const [kept] = await h.db.select().from(evidence).where(eq(evidence.id, item.id));
    expect(kept.cityId).toBe(worksIn.id);
    // Retention "anonymise" (the default): the comment stays, by "deleted user".
    const [keptComment] = await h.db.select().from(comments).where(eq(comments.id, comment.id));
    expect(keptComment.body).toBe("The bus figures come from the 2024 survey.");
    const [request] = await h.db.select().from(erasureRequests).where(eq(erasureRequests.id, requested.id));
    expect(request.completedAt).not.toBeNull();

    const links = await h.db.execute(sql`select count(*)::int as n from oidc_accounts where user_id = ${person.id}`);
    expect(Number(rowsOf<{ n: number }>(links)[0].n)).toBe(0);
    await everyChainVerifies();
    const checked = await verifyAgainstCheckpoints(h.db, saved, { publicKeyPem: signer.publicKeyPem });
    expect(checked.findings).toEqual([]);
    expect(checked.validSignatures).toBe(2);
    expect(checked.chains.find((c) => c.chainKey === `city:${worksIn.id}`)?.events).toBeGreaterThan(0);
    expect(await whereFound(name)).toEqual([]);
    expect(await whereFound(email)).toEqual([]);
    // The account holds no role any more: its former city's draft is not found for it.
    await expectTrpcError(me.evidence.submit({ assessmentId: draft.id, characteristicKey: "funding", ...SAMPLE_CONTENT.ppp }), "NOT_FOUND");
  });

  it("shows an erased author's evidence as their department's, on drafts and published assessments alike", async () => {
    const name = "Marta Attributiontest";
    const person = await makeUser(h.db, { name, email: "marta.attributiontest@example.test" });
    const colleague = await makeUser(h.db);
    const expert = await makeUser(h.db, { globalRole: "expert" });
    const city = await makeCity(h.db);
    const elsewhere = await makeCity(h.db);
    await addMembership(h.db, city.id, colleague.id, "department");
    await addMembership(h.db, city.id, person.id, "department", { departmentName: "Urban Mobility" });
    // In the other city the person's membership names no department.
    await addMembership(h.db, elsewhere.id, person.id, "department", { departmentName: " " });
    await addMembership(h.db, elsewhere.id, colleague.id, "department");
    const me = callerFor(h.db, person.id);
    const submit = (assessmentId: string) => me.evidence.submit({ assessmentId, characteristicKey: "funding", ...SAMPLE_CONTENT.link });

    const toPublish = await makeAssessment(h.db, { ...READY, cityId: city.id, status: "draft", authorId: colleague.id, cycle: "2024" });
    const publishedItem = await submit(toPublish.id);
    await moveAssessmentTo(h.db, toPublish.id, "published");
    const draft = await makeAssessment(h.db, { ...READY, cityId: city.id, status: "draft", authorId: colleague.id });
    const pending = await submit(draft.id);
    const mine = await callerFor(h.db, colleague.id).evidence.submit({
      assessmentId: draft.id,
      characteristicKey: "funding",
      ...SAMPLE_CONTENT.link,
    });
    const otherDraft = await makeAssessment(h.db, { ...READY, cityId: elsewhere.id, status: "draft", authorId: colleague.id });
    const noDepartment = await submit(otherDraft.id);
    const [beforeErasure] = await h.db.select().from(evidence).where(eq(evidence.id, publishedItem.id));

    await callerFor(h.db, person.id).privacy.requestErasure();
    expect((await sweepDueErasures(h.db, new Date(Date.now() + 30 * DAY))).erased).toEqual([person.id]);

    const reader = callerFor(h.db, colleague.id);
    const list = await reader.evidence.listForAssessment({ assessmentId: draft.id, limit: 50 });
    expect(list.items.find((i) => i.id === pending.id)?.authorName).toBe("Urban Mobility");
    // Evidence of people still here keeps their name.
    expect(list.items.find((i) => i.id === mine.id)?.authorName).toBe(colleague.name);
    const detail = await reader.evidence.get({ evidenceId: pending.id });
    expect(detail.author).toEqual({ name: "Urban Mobility", departmentName: null, organisation: null });
    // The published assessment is frozen, yet its evidence is attributed too, and nothing else changed.
    const publishedList = await reader.evidence.listForAssessment({ assessmentId: toPublish.id, limit: 50 });
    expect(publishedList.items.find((i) => i.id === publishedItem.id)?.authorName).toBe("Urban Mobility");
    const [afterErasure] = await h.db.select().from(evidence).where(eq(evidence.id, publishedItem.id));
    expect({ ...afterErasure, attributedTo: null, attributedAt: null }).toEqual(beforeErasure);
    // No department in that city: no name either (the pages say "City department").
    const queue = await callerFor(h.db, expert.id).review.queue({ cityId: elsewhere.id, limit: 50 });
    expect(queue.items.find((i) => i.id === noDepartment.id)?.authorName).toBeNull();
    expect(
      (await callerFor(h.db, expert.id).review.queue({ cityId: city.id, limit: 50 })).items.find((i) => i.id === pending.id)?.authorName,
    ).toBe("Urban Mobility");
    expect(await whereFound(name)).toEqual([]);
  });

  it("refuses any other change to a published assessment's evidence (the freeze lets only the attribution through)", async () => {
    const author = await makeUser(h.db);
    const city = await makeCity(h.db);
    await addMembership(h.db, city.id, author.id, "department");
    const published = await makeAssessment(h.db, { ...READY, cityId: city.id, status: "published", authorId: author.id });
    const [item] = await h.db.select().from(evidence).where(eq(evidence.assessmentId, published.id));
    await expect(
      h.db.update(evidence).set({ title: "Changed", attributedTo: "Urban Mobility" }).where(eq(evidence.id, item.id)),
    ).rejects.toThrow();
    await expect(
      h.db
        .update(evidence)
        .set({ authorId: author.id, version: item.version + 1 })
        .where(eq(evidence.id, item.id)),
    ).rejects.toThrow();
    await h.db.update(evidence).set({ attributedTo: "Urban Mobility", attributedAt: new Date() }).where(eq(evidence.id, item.id));
    const [after] = await h.db.select().from(evidence).where(eq(evidence.id, item.id));
    expect(after.title).toBe(item.title);
  });

  it("with retention 'remove' empties the erased person's comments; a cancelled request is never erased", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin" });
    await savePrivacySettings(h.db, { userId: admin.id, role: "admin" }, { commentRetention: "remove", graceDays: 3 });
    const city = await makeCity(h.db);
    const author = await makeUser(h.db);
    await addMembership(h.db, city.id, author.id, "department");
    const leaving = await makeUser(h.db, { name: "Leaving Person" });
    const staying = await makeUser(h.db, { name: "Staying Person" });
    for (const u of [leaving, staying]) await addMembership(h.db, city.id, u.id, "department");
    const draft = await makeAssessment(h.db, { ...READY, cityId: city.id, status: "draft", authorId: author.id });
    const thread = { assessmentId: draft.id, targetType: "characteristic" as const, targetKey: "funding", visibility: "internal" as const };
    const gone = await callerFor(h.db, leaving.id).comments.post({ ...thread, body: "A remark to be removed." });

    const first = await callerFor(h.db, leaving.id).privacy.requestErasure();
    expect(first.dueAt.getTime() - Date.now()).toBeLessThan(3 * DAY + 60_000);
    await callerFor(h.db, staying.id).privacy.requestErasure();
    await callerFor(h.db, staying.id).privacy.cancelErasure();
    await expectTrpcError(callerFor(h.db, staying.id).privacy.cancelErasure(), "NOT_FOUND");

    const { erased } = await sweepDueErasures(h.db, new Date(Date.now() + 4 * DAY));
    expect(erased).toEqual([leaving.id]);
    const [removed] = await h.db.select().from(comments).where(eq(comments.id, gone.id));
    expect(removed.body).toBe("");
    expect(removed.deletedAt).not.toBeNull();
    const [still] = await h.db.select().from(users).where(eq(users.id, staying.id));
    expect(still.name).toBe("Staying Person");
    await savePrivacySettings(h.db, { userId: admin.id, role: "admin" }, { commentRetention: "anonymise", graceDays: 14 });
    await everyChainVerifies();
  });

  it("removes the name from other people's text as a whole word, never from inside a longer word", async () => {
    const city = await makeCity(h.db);
    const author = await makeUser(h.db);
    const leaving = await makeUser(h.db, { name: "Ann" });
    for (const u of [author, leaving]) await addMembership(h.db, city.id, u.id, "department");
    const draft = await makeAssessment(h.db, { ...READY, cityId: city.id, status: "draft", authorId: author.id });
    const remark = await callerFor(h.db, author.id).comments.post({
      assessmentId: draft.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "internal",
      body: "Annual figures: ask Ann, or ann's team.",
    });
    await callerFor(h.db, leaving.id).privacy.requestErasure();
    expect((await sweepDueErasures(h.db, new Date(Date.now() + 30 * DAY))).erased).toEqual([leaving.id]);
    const [kept] = await h.db.select().from(comments).where(eq(comments.id, remark.id));
    expect(kept.body).toBe("Annual figures: ask Deleted user, or Deleted user's team.");
  });

  it("the lazy sweep erases a due account at most once per ten minutes per process", async () => {
    const first = await makeUser(h.db);
    const second = await makeUser(h.db);
    await h.db.insert(erasureRequests).values({ userId: first.id, dueAt: new Date(Date.now() - 1000) });
    const t0 = Date.now() + 3_600_000;
    await sweepDueErasuresLazily(h.db, t0);
    await h.db.insert(erasureRequests).values({ userId: second.id, dueAt: new Date(Date.now() - 1000) });
    await sweepDueErasuresLazily(h.db, t0 + 60_000);
    const names = async (id: string) => (await h.db.select().from(users).where(eq(users.id, id)))[0].name;
    expect(await names(first.id)).toBe("Deleted user");
    expect(await names(second.id)).toBe(second.name);
    await sweepDueErasuresLazily(h.db, t0 + 11 * 60_000);
    expect(await names(second.id)).toBe("Deleted user");
  });

  it("refuses bad settings with a 4xx and changes nothing", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin" });
    await expectTrpcError(callerFor(h.db, admin.id).privacy.saveSettings({ commentRetention: "anonymise", graceDays: 0 }), "BAD_REQUEST");
    expect(await callerFor(h.db, null).privacy.settings()).toMatchObject({ graceDays: 14 });
  });
});
