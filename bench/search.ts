/**
 * Search latency and Chinese recall. Run: npx tsx bench/search.ts [--postgres <url of an empty db>]
 * Writes a city-scale dataset (scripts/scale, 50 cities, 10 000 evidence, 20 000 comments) into an
 * embedded database (PGlite) or the given PostgreSQL database, then times `runSearch` (scope read
 * included) at one connection for anonymous, citizen, department and expert searchers over common
 * and rare words: p50/p95. Then measures, on a small Chinese corpus with expected hits, the recall of
 * the 'simple' full-text match alone, of the substring match the app adds for Chinese queries, and
 * (PostgreSQL with pg_trgm only) of trigram similarity.
 */

import { inArray, sql } from "drizzle-orm";
import { type DatabaseHandle, migrateDatabase, openPglite, openPostgres } from "@/db/client";
import { users } from "@/db/schema/identity";
import { writeScaleData } from "@/scripts/scale/write-scale-data";
import { runSearch } from "@/server/search/search-query";
import { loadSearchScope } from "@/server/search/search-scope";
import { searchInputSchema } from "@/server/search/search-terms";

const args = process.argv.slice(2);
const pgUrl = args.includes("--postgres") ? args[args.indexOf("--postgres") + 1] : null;
const RUNS = 8;
const QUERIES = [
  "sensor privacy",
  "budget",
  "strategy",
  "open data portal",
  "Transport",
  "ISO 37120",
  "fibre",
  "nonexistentword",
  "智慧交通",
];

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function rows<T>(h: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await h.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const handle = pgUrl ? await openPostgres(pgUrl, { max: 1 }) : await openPglite();
await migrateDatabase(handle);
const started = performance.now();
const data = await writeScaleData(
  handle,
  {
    cities: 50,
    cycles: 3,
    evidence: 10_000,
    comments: 20_000,
    audit: 2_000,
    notifications: 100,
    citizensPerCity: 10,
    seed: 7,
    tag: "search",
  },
  { passwordHash: "x" },
);
if (handle.driver === "postgres") await handle.db.execute(sql`analyze`);
console.log(`${handle.driver}: dataset written in ${((performance.now() - started) / 1000).toFixed(1)} s`, data.counts);

const emails = [data.cities[0].citizenEmails[0], data.cities[0].departmentEmails[0]];
const found = await handle.db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
const idOf = (email: string) => found.find((u) => u.email === email)?.id ?? null;
const searchers: [string, string | null][] = [
  ["anonymous", null],
  ["citizen", idOf(emails[0])],
  ["department", idOf(emails[1])],
  ["expert", data.global.experts[0].id],
];

const all: number[] = [];
for (const [who, userId] of searchers) {
  const times: number[] = [];
  for (const q of QUERIES) {
    const input = searchInputSchema.parse({ q });
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await runSearch(handle.db, await loadSearchScope(handle.db, userId), input);
      times.push(performance.now() - t0);
    }
  }
  all.push(...times);
  console.log(`${handle.driver} ${who}: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`);
}
console.log(
  `${handle.driver} all: p50 ${percentile(all, 0.5).toFixed(1)} ms, p95 ${percentile(all, 0.95).toFixed(1)} ms (n=${all.length})`,
);

// ------------------------------------------------------------------ Chinese recall
const CORPUS = [
  "智慧城市发展战略2030",
  "智慧交通管理平台建设方案",
  "城市交通拥堵监测报告",
  "公共交通一卡通使用统计",
  "政务服务网上办理指南",
  "市民服务热线年度报告",
  "数据开放平台管理办法",
  "城市数据共享协议",
  "宽带网络覆盖率统计",
  "光纤网络建设进度",
  "能源消耗监测系统",
  "智慧能源管理试点",
  "利益相关方论坛会议纪要",
  "治理委员会章程",
  "市政预算附件",
  "公私合作伙伴关系商业案例",
  "环境空气质量监测",
  "智慧路灯特许经营",
  "传感器数据平台定价",
  "居民隐私保护政策",
];
const CASES: [string, number[]][] = [
  ["交通", [1, 2, 3]],
  ["智慧", [0, 1, 11, 17]],
  ["数据", [6, 7, 18]],
  ["平台", [1, 6, 18]],
  ["网络", [8, 9]],
  ["能源", [10, 11]],
  ["监测", [2, 10, 16]],
  ["报告", [2, 5]],
  ["服务", [4, 5]],
  ["治理委员会", [13]],
  ["隐私", [19]],
  ["智慧交通", [1]],
  ["城市数据", [7]],
  ["预算", [14]],
  ["战略", [0]],
];
await handle.db.execute(sql`create temporary table search_zh_corpus (i int, t text)`);
for (const [i, t] of CORPUS.entries()) await handle.db.execute(sql`insert into search_zh_corpus values (${i}, ${t})`);
let trigram = false;
if (handle.driver === "postgres") {
  try {
    await handle.db.execute(sql`create extension if not exists pg_trgm`);
    trigram = true;
  } catch {
    console.log("pg_trgm not available");
  }
}
const methods: Record<string, (q: string) => ReturnType<typeof sql>> = {
  "full-text (simple, prefix)": (q) =>
    sql`select i from search_zh_corpus where to_tsvector('simple', t) @@ to_tsquery('simple', ${`'${q}':*`})`,
  "substring (ILIKE)": (q) => sql`select i from search_zh_corpus where t ilike ${`%${q}%`}`,
  ...(trigram ? { "trigram (similarity ≥ 0.3, %)": (q: string) => sql`select i from search_zh_corpus where t % ${q}` } : {}),
  ...(trigram ? { "trigram (word_similarity, <%)": (q: string) => sql`select i from search_zh_corpus where ${q} <% t` } : {}),
};
for (const [name, query] of Object.entries(methods)) {
  let hit = 0;
  let expected = 0;
  let wrong = 0;
  for (const [q, want] of CASES) {
    const got = new Set((await rows<{ i: number }>(handle, query(q))).map((r) => r.i));
    expected += want.length;
    hit += want.filter((i) => got.has(i)).length;
    wrong += [...got].filter((i) => !want.includes(i)).length;
  }
  console.log(
    `${handle.driver} Chinese recall, ${name}: ${hit}/${expected} = ${((100 * hit) / expected).toFixed(0)} % (false hits ${wrong})`,
  );
}
await handle.close();
