import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import postgres from "postgres";
import S3rver from "s3rver";
import { CHARACTERISTIC_KEYS } from "@/shared/domain-values";
import { freePort } from "../helpers/free-port";
import { DEMO_PASSWORD } from "./helpers";

/**
 * Several app servers as one (issue 13): two production servers (scripts/server.mjs on the e2e build,
 * `.next-e2e`) on one fresh PostgreSQL database and one S3-protocol store (s3rver, in this process).
 * What one server does, the other sees on its very next request: sessions and sign-out, rate limits,
 * uploaded files, and publications/withdrawals on the cached public pages.
 *
 * PostgreSQL only: the embedded database is one process by design, so there is no second server to
 * start on it.
 */
const SERVER_URL = process.env.DATABASE_URL;
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const SECRET = "multi-server-secret-not-for-production";
const API_RATE_LIMIT = 4;
const BUCKET = "evidence";

test.skip(!SERVER_URL, "Needs DATABASE_URL: two app servers share one PostgreSQL database (PGlite is single-process).");
test.describe.configure({ mode: "serial" });

type AppServer = { url: string; child: ChildProcess; log: string[]; exited: Promise<number | null> };

let databaseName = "";
let databaseUrl = "";
let s3: S3rver | undefined;
let s3Dir = "";
let a: AppServer;
let b: AppServer;
const contexts: APIRequestContext[] = [];

async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["scripts/server.mjs", "-p", String(port)], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, NEXTAUTH_URL: url, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { url, child, log, exited };
}

/** Polls the health route until the server answers with its database ready (start-up migrates and seeds). */
async function waitUntilHealthy(server: AppServer, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server ${server.url} exited: ${server.log.join("")}`);
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server ${server.url} not healthy in time: ${server.log.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stopAppServer(server: AppServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill("SIGTERM");
  await server.exited;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  databaseName = `ms_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(SERVER_URL ?? "", { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(SERVER_URL ?? "");
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();

  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  s3 = new S3rver({ address: "127.0.0.1", port: await freePort(), silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
  const { port: s3Port } = await s3.run();

  const env = {
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: SECRET,
    SEED_DEMO: "1",
    RATE_LIMIT_DISABLED: "0",
    API_RATE_LIMIT: String(API_RATE_LIMIT),
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "1",
  };
  // Both start at once on the empty database: one migrates and seeds under the start-up lock.
  [a, b] = await Promise.all([startAppServer(env), startAppServer(env)]);
  await Promise.all([waitUntilHealthy(a), waitUntilHealthy(b)]);
});

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.dispose()));
  await Promise.all([stopAppServer(a), stopAppServer(b)]);
  await s3?.close();
  if (s3Dir) fs.rmSync(s3Dir, { recursive: true, force: true });
  if (databaseName) {
    const admin = postgres(SERVER_URL ?? "", { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
});

/** A cookie jar of its own; cookies for `localhost` go to both servers (ports do not separate cookies). */
async function newClient(extraHTTPHeaders?: Record<string, string>): Promise<APIRequestContext> {
  const context = await request.newContext({ extraHTTPHeaders });
  contexts.push(context);
  return context;
}

async function signIn(client: APIRequestContext, server: AppServer, email: string): Promise<void> {
  const { csrfToken } = (await (await client.get(`${server.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await client.post(`${server.url}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(res.status(), await res.text()).toBeLessThan(400);
  expect(await sessionCookie(client)).toBeTruthy();
}

async function sessionCookie(client: APIRequestContext): Promise<string | undefined> {
  const { cookies } = await client.storageState();
  return cookies.find((cookie) => cookie.name === "next-auth.session-token")?.value;
}

async function whoAmI(client: APIRequestContext, server: AppServer): Promise<{ status: number; email?: string }> {
  const res = await client.get(`${server.url}/api/trpc/accounts.me`);
  if (!res.ok()) return { status: res.status() };
  const body = (await res.json()) as { result: { data: { json: { email?: string; user?: { email?: string } } } } };
  const me = body.result.data.json;
  return { status: res.status(), email: me.email ?? me.user?.email };
}

async function trpcMutation(client: APIRequestContext, server: AppServer, procedure: string, input: unknown) {
  const res = await client.post(`${server.url}/api/trpc/${procedure}`, {
    data: { json: input },
    headers: { origin: server.url },
  });
  expect(res.status(), `${procedure}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

async function queryDb<T extends Record<string, unknown>>(text: string): Promise<T[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

test("a session started on server A is valid on server B, and signing out on A ends it on B", async () => {
  const client = await newClient();
  await signIn(client, a, "expert@demo.city");
  expect(await whoAmI(client, b)).toEqual({ status: 200, email: "expert@demo.city" });

  // A copy of the cookie, as someone who kept it would: sign-out must end it on the server side.
  const kept = await newClient({ cookie: `next-auth.session-token=${await sessionCookie(client)}` });
  expect((await whoAmI(kept, b)).status).toBe(200);
  const { csrfToken } = (await (await client.get(`${a.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const out = await client.post(`${a.url}/api/auth/signout`, { form: { csrfToken, json: "true" }, maxRedirects: 0 });
  expect(out.status()).toBeLessThan(400);

  expect((await whoAmI(kept, b)).status).toBe(401);
  expect((await whoAmI(kept, a)).status).toBe(401);
});

test("rate limits count the requests made to both servers together", async () => {
  const client = await newClient();
  const statuses: number[] = [];
  for (let i = 0; i < API_RATE_LIMIT + 2; i++) {
    const server = i % 2 === 0 ? a : b;
    statuses.push((await client.get(`${server.url.replace("localhost", "127.0.0.1")}/api/v1/cities`)).status());
  }
  // Four allowed in the window across A and B, then both refuse.
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
});

test("a file uploaded through server A downloads through server B from the S3 store", async () => {
  const department = await newClient();
  await signIn(department, a, "department.barcelona@demo.city");
  const [open] = await queryDb<{ id: string }>(
    `select a.id from assessments a join cities c on c.id = a.city_id
      where c.slug = 'barcelona' and a.status <> 'published' order by a.cycle desc limit 1`,
  );
  expect(open).toBeTruthy();
  const pdf = Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${randomBytes(8).toString("hex")}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
  const uploaded = await department.post(`${a.url}/api/uploads?assessmentId=${open.id}&filename=multi-server.pdf`, {
    data: pdf,
    headers: { "content-type": "application/pdf", origin: a.url },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const { file } = (await uploaded.json()) as { file: { id: string } };
  const evidence = (await trpcMutation(department, a, "evidence.submit", {
    assessmentId: open.id,
    characteristicKey: CHARACTERISTIC_KEYS[0],
    kind: "document",
    title: "Strategy stored through server A",
    criterionKeys: [],
    payload: { fileId: file.id },
  })) as { id: string };

  // The bytes are in the S3 store (s3rver keeps each object as `<key>._S3rver_object`).
  expect(storedObjects().length).toBe(1);

  const download = await department.get(`${b.url}/api/evidence/${evidence.id}/file`);
  expect(download.status()).toBe(200);
  const body = await download.body();
  expect(body.equals(pdf)).toBe(true);
  expect(download.headers()["x-checksum-sha256"]).toBe(createHash("sha256").update(pdf).digest("hex"));
});

function storedObjects(): string[] {
  const bucketDir = path.join(s3Dir, BUCKET);
  return fs.readdirSync(bucketDir, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith("._S3rver_object"));
}

/** The public city page (cached by Next, invalidated on every server by the write paths). */
const cityPage = (server: AppServer, slug: string) => `${server.url}/en/cities/${slug}`;

test("a withdrawal and a publication made through server A show on server B's cached city page at once", async () => {
  // A city with one published assessment and no other open one, so it can be withdrawn and published again.
  const [city] = await queryDb<{ slug: string; city_id: string; assessment_id: string }>(
    `select c.slug, c.id as city_id, p.id as assessment_id from cities c
       join assessments p on p.city_id = c.id and p.status = 'published'
      where not exists (select 1 from assessments o where o.city_id = c.id and o.status <> 'published')
        and (select count(*) from assessments q where q.city_id = c.id and q.status = 'published') = 1
      order by c.slug limit 1`,
  );
  expect(city).toBeTruthy();
  // The demo's Barcelona leadership account also leads this city, to publish it again.
  await queryDb(
    `insert into memberships (city_id, user_id, role)
       select '${city.city_id}', id, 'leadership' from users where email = 'leadership.barcelona@demo.city'`,
  );
  const visitor = await newClient();
  const page = cityPage(b, city.slug);
  const first = await visitor.get(page);
  expect(first.status()).toBe(200);
  // The second request is served from the cache: what follows proves invalidation, not rendering.
  expect((await visitor.get(page)).headers()["x-nextjs-cache"]).toBe("HIT");
  const showsAssessment = (html: string) => html.includes('data-testid="assessment-meta"');
  expect(showsAssessment(await first.text()), "the city page shows its published assessment").toBe(true);

  const admin = await newClient();
  await signIn(admin, a, "admin@demo.city");
  await trpcMutation(admin, a, "workflow.unpublish", { assessmentId: city.assessment_id, reason: "Withdrawn by the two-server test." });
  const afterWithdrawal = await visitor.get(page);
  expect(afterWithdrawal.status()).toBe(200);
  expect(showsAssessment(await afterWithdrawal.text()), "server B still serves the page from before the withdrawal").toBe(false);

  const leadership = await newClient();
  await signIn(leadership, a, "leadership.barcelona@demo.city");
  await trpcMutation(leadership, a, "workflow.publish", { assessmentId: city.assessment_id });
  const afterPublication = await visitor.get(page);
  expect(showsAssessment(await afterPublication.text()), "server B still serves the page from before the publication").toBe(true);
});
