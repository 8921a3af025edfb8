import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { auditCheckpoints } from "@/db/schema/audit-checkpoints";
import { validateEnv } from "@/env";
import { type CheckpointStatement, takeCityCheckpoint, takeDailyCheckpointIfDue } from "@/server/audit/audit-checkpoints";
import { chainKeyFor, hashAuditRow, recordAuditEvent, verifyAuditChain } from "@/server/audit/audit-trail";
import { parseSigningKey, SigningKeyError, verifyStatement } from "@/server/audit/checkpoint-signing";
import { parseVerifyArgs, runAuditVerify } from "@/server/audit/verify-command";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";
import { buildOpenApiDocument } from "@/server/public/openapi";
import { callerFor, makeCastWithAssessment, READY } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
const savedKey = process.env.AUDIT_SIGNING_KEY;
const { privateKey } = generateKeyPairSync("ed25519");
const KEY_PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const dir = mkdtempSync(path.join(tmpdir(), "audit-checkpoints-"));
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  process.env.AUDIT_SIGNING_KEY = KEY_PEM;
  h = await createTestDb();
});
afterAll(async () => {
  if (savedKey === undefined) delete process.env.AUDIT_SIGNING_KEY;
  else process.env.AUDIT_SIGNING_KEY = savedKey;
  await h.close();
});

/** A city whose assessment the leadership publishes through the workflow (which takes the checkpoint). */
async function publishedCity() {
  const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "approved" });
  await callerFor(h.db, cast.users.leadership.id).workflow.publish({ assessmentId: assessment.id });
  return { cast, assessment, chainKey: chainKeyFor({ assessmentId: assessment.id }) };
}

async function checkpointRows(cityId: string) {
  return h.db.select().from(auditCheckpoints).where(eq(auditCheckpoints.cityId, cityId)).orderBy(asc(auditCheckpoints.id));
}

async function chainRows(chainKey: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.chainKey, chainKey)).orderBy(asc(auditEvents.id));
}

/** GET /api/v1/cities/{slug}/audit-checkpoints, as an outsider would, saved to a file. */
async function saveCheckpoints(slug: string) {
  const response = await serveOpenData(
    openDataRoutes.getCityAuditCheckpoints,
    new Request(`http://localhost/api/v1/cities/${slug}/audit-checkpoints`),
    { slug },
    async () => h.db,
    { limiter: null },
  );
  expect(response.status).toBe(200);
  const text = await response.text();
  const file = path.join(dir, `${slug}-${Date.now()}.json`);
  writeFileSync(file, text);
  return {
    file,
    json: JSON.parse(text) as {
      publicKeys: { keyId: string; publicKeyPem: string }[];
      checkpoints: { statement: string; signature: string; keyId: string }[];
    },
  };
}

/** What a database superuser can do: switch every trigger off for the session, edit, rehash. */
async function asSuperuser(work: (tx: Parameters<Parameters<DatabaseHandle["db"]["transaction"]>[0]>[0]) => Promise<void>) {
  await h.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx);
  });
}

describe("checkpoints on publication", () => {
  it("signs the chain heads of the city in the publish transaction, including the publication's own event", async () => {
    const { cast, chainKey } = await publishedCity();
    const rows = await checkpointRows(cast.city.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toBe("publication");
    const statement = JSON.parse(rows[0].statement) as CheckpointStatement;
    const events = await chainRows(chainKey);
    const head = events.at(-1)!;
    expect(head.action).toBe("assessment.publish");
    expect(statement.chains.find((c) => c.chainKey === chainKey)).toMatchObject({
      headId: head.id,
      headHash: head.hash,
      count: events.length,
      sinceId: 0,
      events: events.map((e) => ({ id: e.id, hash: e.hash })),
    });
    expect(verifyStatement(rows[0].publicKey, rows[0].statement, rows[0].signature)).toBe(true);
    expect(rows[0].keyId).toBe(statement.keyId);
  });

  it("takes none for transitions other than publishing", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "rated" });
    await callerFor(h.db, cast.users.leadership.id).workflow.approve({ assessmentId: assessment.id });
    expect(await checkpointRows(cast.city.id)).toHaveLength(0);
  });
});

describe("the daily rule", () => {
  it("takes a checkpoint only when the newest is 24 hours old, once however many servers ask", async () => {
    const { cast } = await publishedCity();
    const cityId = cast.city.id;
    expect(await takeDailyCheckpointIfDue(h.db, cityId, { now: new Date(Date.now() + DAY - 60_000) })).toBeNull();
    const later = new Date(Date.now() + DAY + 60_000);
    const results = await Promise.all([1, 2, 3, 4].map(() => takeDailyCheckpointIfDue(h.db, cityId, { now: later })));
    expect(results.filter((id) => id !== null)).toHaveLength(1);
    const rows = await checkpointRows(cityId);
    expect(rows.map((r) => r.reason)).toEqual(["publication", "daily"]);
    // Nothing happened in between: the daily one names the same heads and no new events.
    const [first, second] = rows.map((r) => JSON.parse(r.statement) as CheckpointStatement);
    expect(second.chains.map((c) => [c.chainKey, c.headId, c.events.length])).toEqual(first.chains.map((c) => [c.chainKey, c.headId, 0]));
  });

  it("takes the first checkpoint of a city with no checkpoint yet when its open data is asked for", async () => {
    const { cast } = await makeCastWithAssessment(h.db, { ...READY, status: "published" });
    expect(await checkpointRows(cast.city.id)).toHaveLength(0);
    const { json } = await saveCheckpoints(cast.city.slug);
    expect(json.checkpoints).toHaveLength(1);
    await saveCheckpoints(cast.city.slug);
    expect(await checkpointRows(cast.city.id)).toHaveLength(1);
  });
});

describe("the open data API", () => {
  it("publishes the checkpoints with the public key, verifiable by anyone with node:crypto", async () => {
    const { cast } = await publishedCity();
    const { json } = await saveCheckpoints(cast.city.slug);
    expect(json.publicKeys).toHaveLength(1);
    for (const checkpoint of json.checkpoints) {
      const key = json.publicKeys.find((k) => k.keyId === checkpoint.keyId)!;
      expect(verifyStatement(key.publicKeyPem, checkpoint.statement, checkpoint.signature)).toBe(true);
    }
    const missing = await serveOpenData(
      openDataRoutes.getCityAuditCheckpoints,
      new Request("http://localhost/api/v1/cities/no-such-city/audit-checkpoints"),
      { slug: "no-such-city" },
      async () => h.db,
      { limiter: null },
    );
    expect(missing.status).toBe(404);
    expect(Object.keys(buildOpenApiDocument().paths)).toContain("/api/v1/cities/{slug}/audit-checkpoints");
  });
});

describe("audit:verify against saved checkpoints", () => {
  it("names the rewritten event and the removed tail after a superuser rehashed the chain", async () => {
    const { cast, assessment, chainKey } = await publishedCity();
    // Later events of the chain (as comments or corrections on a published assessment would add).
    for (let i = 0; i < 6; i++) {
      await h.db.transaction((tx) =>
        recordAuditEvent(tx, {
          actorId: cast.users.leadership.id,
          actorRole: "leadership",
          action: "test.note",
          entityType: "assessment",
          entityId: assessment.id,
          cityId: cast.city.id,
          assessmentId: assessment.id,
          after: { note: `note ${i}` },
        }),
      );
    }
    await takeCityCheckpoint(h.db, cast.city.id, "daily");
    const { file } = await saveCheckpoints(cast.city.slug);
    const before = await chainRows(chainKey);
    expect((await runAuditVerify(h.db, { kind: "checkpoints", checkpoints: [file] })).exitCode).toBe(0);

    // The superuser rewrites a middle event, recomputes every later hash, and drops the newest two.
    const middle = before.length - 5;
    const dropped = before.slice(-2);
    await asSuperuser(async (tx) => {
      let prevHash = before[middle - 1].hash;
      for (const row of before.slice(middle, -2)) {
        const { id, hash: _hash, ...fields } = row;
        const changed = { ...fields, reason: row.id === before[middle].id ? "forged" : fields.reason, prevHash };
        prevHash = hashAuditRow(changed);
        await tx
          .update(auditEvents)
          .set({ reason: changed.reason, prevHash: changed.prevHash, hash: prevHash })
          .where(eq(auditEvents.id, id));
      }
      await tx.execute(sql`delete from audit_events where id in (${dropped[0].id}, ${dropped[1].id})`);
    });

    // The plain chain check cannot see it.
    expect(await verifyAuditChain(h.db, chainKey)).toEqual({ ok: true, chainKey, checked: before.length - 2 });

    const args = parseVerifyArgs(["--checkpoints", file]);
    expect(args).toEqual({ kind: "checkpoints", checkpoints: [file] });
    const result = await runAuditVerify(h.db, args as { kind: "checkpoints"; checkpoints: string[] });
    expect(result.exitCode).toBe(1);
    const text = result.lines.join("\n");
    expect(text).toContain(`CHANGED ${chainKey}`);
    expect(text).toContain(`${chainKey} event id ${before[middle].id}: REWRITTEN`);
    for (const row of before.slice(middle + 1, -2)) expect(text).toContain(`${chainKey} event id ${row.id}: re-hashed`);
    for (const row of dropped) {
      expect(text).toContain(`${chainKey} event id ${row.id}: MISSING from the end of the chain`);
      expect(text).toContain(`the chain now ends at id ${before.at(-3)!.id}`);
    }
    expect(text).toMatch(
      new RegExp(`signed ${before.length} event\\(s\\) up to id ${before.at(-1)!.id}; the database now has ${before.length - 2}`),
    );
    // Events before the rewrite are not blamed.
    for (const row of before.slice(0, middle)) expect(text).not.toContain(`event id ${row.id}:`);
    expect(result.lines.at(-1)).toMatch(/^Result: [1-9]\d* finding\(s\) against the checkpoints, 0 broken chain\(s\)$/);
  });

  it("rejects a checkpoint whose statement or key was changed", async () => {
    const { cast } = await publishedCity();
    const { json } = await saveCheckpoints(cast.city.slug);
    const forged = structuredClone(json);
    forged.checkpoints[0].statement = forged.checkpoints[0].statement.replace('"reason":"publication"', '"reason":"daily"');
    expect(forged.checkpoints[0].statement).not.toBe(json.checkpoints[0].statement);
    const forgedFile = path.join(dir, "forged.json");
    writeFileSync(forgedFile, JSON.stringify(forged));
    const result = await runAuditVerify(h.db, { kind: "checkpoints", checkpoints: [forgedFile] });
    expect(result.exitCode).toBe(1);
    expect(result.lines.join("\n")).toMatch(/checkpoint #\d+ \(.+\): the signature does not verify; checkpoint ignored/);
    expect(result.lines[0]).toContain("1 read, 0 with a valid signature");

    // The genuine file, checked with a key the outsider pinned that is not the signer's.
    const other = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    const keyFile = path.join(dir, "other.pem");
    writeFileSync(keyFile, other);
    const genuine = path.join(dir, "genuine.json");
    writeFileSync(genuine, JSON.stringify(json));
    const pinned = await runAuditVerify(h.db, { kind: "checkpoints", checkpoints: [genuine], publicKeyFile: keyFile });
    expect(pinned.exitCode).toBe(1);
    expect(pinned.lines[0]).toContain("0 with a valid signature (pinned key");
  });

  it("refuses options it does not understand", () => {
    expect(parseVerifyArgs(["--checkpoints"])).toHaveProperty("error");
    expect(parseVerifyArgs(["--public-key", "k.pem"])).toHaveProperty("error");
    expect(parseVerifyArgs(["--checkpoints", "a.json", "--all"])).toEqual({ kind: "all", checkpoints: ["a.json"] });
  });
});

describe("the signing key", () => {
  it("accepts PEM and base64 PKCS#8 Ed25519 keys and refuses others", () => {
    expect(parseSigningKey(KEY_PEM).asymmetricKeyType).toBe("ed25519");
    expect(parseSigningKey(KEY_PEM.replace(/\n/g, "\\n")).asymmetricKeyType).toBe("ed25519");
    const der = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    expect(parseSigningKey(der).asymmetricKeyType).toBe("ed25519");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseSigningKey(rsa)).toThrow(SigningKeyError);
    expect(() => validateEnv({ AUDIT_SIGNING_KEY: "not a key" })).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => validateEnv({ AUDIT_SIGNING_KEY: KEY_PEM })).not.toThrow();
  });
});
