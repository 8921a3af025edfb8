import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { freePort } from "../helpers/free-port";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { expectNoSeriousA11yViolations } from "./helpers";

/**
 * The database goes away under a running production server (scripts/server.mjs on the e2e build),
 * then comes back. Pages answer 503 with Retry-After at once and show the localized "temporarily
 * unavailable" page with a reference, never internals; the server recovers by itself.
 *
 * The server talks to the local PostgreSQL (127.0.0.1:5432, on every machine and in CI) through a
 * TCP proxy (tests/helpers/tcp-proxy.ts) in a scratch database, whichever database the rest of the
 * run uses: the fault is injected in the network, the shared server is never stopped.
 */
const POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-e2e";
/** A page must fail within this while the database refuses connections (no hanging, no retry storm). */
const FAIL_FAST_MS = 3_000;

test.describe.configure({ mode: "serial" });

let databaseName = "";
let proxy: TcpProxy;
let child: ChildProcess;
let base = "";
const log: string[] = [];

async function untilHealthy(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log.join("")}`);
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res?.ok) return;
    if (Date.now() > deadline) throw new Error(`not healthy in time: ${log.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  databaseName = `outage_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(POSTGRES, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  await admin.end();
  proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
  const port = await freePort();
  base = `http://localhost:${port}`;
  child = spawn(process.execPath, ["scripts/server.mjs", "-p", String(port)], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST_DIR,
      DATABASE_URL: proxy.proxiedUrl(POSTGRES.replace(/\/postgres$/, `/${databaseName}`)),
      DATABASE_CONNECT_TIMEOUT: "1",
      SEED_DEMO: "0",
      RATE_LIMIT_DISABLED: "1",
      MAIL_WORKER_DISABLED: "1",
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "outage-secret-not-for-production",
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  await untilHealthy(90_000);
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await proxy?.close();
  const admin = postgres(POSTGRES, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
});

test("pages answer 503 with Retry-After and a localized page while the database is down, and recover by themselves", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  expect((await fetch(`${base}/en/cities`)).status).toBe(200);

  await proxy.refuse();
  for (const path of ["/en/cities", "/en/benchmark", "/zh/cities", "/en/sign-in", "/en/privacy"]) {
    const started = performance.now();
    const res = await fetch(`${base}${path}`);
    expect(res.status, path).toBe(503);
    expect(res.headers.get("retry-after"), path).toBe("5");
    expect(performance.now() - started, path).toBeLessThan(FAIL_FAST_MS);
    const html = await res.text();
    expect(html).not.toMatch(/ECONNREFUSED|DatabaseUnavailableError|postgres:\/\/|at [\w.]+ \(/);
  }

  // What a person sees: the page's own layout, a localized message and a reference to quote.
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${base}/zh/cities`);
  const zhNotice = page.getByRole("alert").filter({ has: page.getByRole("heading", { level: 1, name: "暂时无法使用" }) });
  await expect(zhNotice).toContainText("参考编号：");
  await page.goto(`${base}/en/cities`);
  const notice = page.getByRole("alert").filter({ has: page.getByRole("heading", { level: 1, name: "Temporarily unavailable" }) });
  await expect(notice).toContainText("Reference: ");
  await expectNoSeriousA11yViolations(page);

  await proxy.restore();
  await untilHealthy(10_000);
  await expect.poll(async () => (await fetch(`${base}/en/cities`)).status, { timeout: 10_000 }).toBe(200);
});
