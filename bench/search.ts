/**
 * Search latency and Chinese recall. Run: npx tsx bench/search.ts [--postgres <url of an empty db>]
 * Writes a city-scale dataset (scripts/scale, 50 cities, 10 000 evidence, 20 000 comments, plus 2 000
 * comments in Chinese) into an embedded database (PGlite) or the given PostgreSQL database, then times
 * `runSearch` (scope read included) at one connection for anonymous, citizen, department and expert
 * searchers over common and rare words, English and Chinese: p50/p95 per searcher and per query.
 * Then measures, on a Chinese corpus with expected hits, the recall of: the 'simple' full-text match
 * alone, a substring match (ILIKE), the shipped bigram phrase (migration 0017), jieba segmentation
 * (@node-rs/jieba, search mode, on both sides) and pg_trgm (PostgreSQL; PGlite with its contrib).
 */

import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { inArray, sql } from "drizzle-orm";
import { type DatabaseHandle, migrateDatabase, openPglite, openPostgres } from "@/db/client";
import { users } from "@/db/schema/identity";
import { writeScaleData } from "@/scripts/scale/write-scale-data";
import { runSearch } from "@/server/search/search-query";
import { loadSearchScope } from "@/server/search/search-scope";
import { searchInputSchema, searchTermsOf } from "@/server/search/search-terms";

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
  "council",
  "broadband households",
  "nonexistentword",
  "智慧交通",
  "数据",
  "治理委员会章程",
];

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function rows<T>(h: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await h.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const CHINESE_SENTENCES = [
  "智慧交通管理平台建设方案值得推广，公共交通一卡通也应覆盖郊区。",
  "数据开放平台应当公布预算执行情况。",
  "治理委员会章程需要增加市民代表。",
  "宽带网络覆盖率统计不包括农村地区。",
  "能源消耗监测系统的数据更新太慢。",
];

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
// Chinese text: 2 000 public comments on the published cycles, bodies from the recall corpus below.
await handle.db.execute(sql`insert into comments (city_id, assessment_id, target_type, target_key, visibility, author_id, body)
  select c.city_id, c.assessment_id, c.target_type, c.target_key, 'public', c.author_id,
    (array[${sql.join(
      CHINESE_SENTENCES.map((t) => sql`${t}`),
      sql`, `,
    )}])[1 + (row_number() over () % ${CHINESE_SENTENCES.length})::int]
  from comments c where c.visibility = 'public' and c.deleted_at is null limit 2000`);
// PostgreSQL analyzes by itself (autovacuum); PGlite has no autovacuum: the app analyzes it at start-up (server/bootstrap).
await handle.db.execute(sql`analyze`);
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
const perQuery = new Map<string, number[]>();
for (const [who, userId] of searchers) {
  const times: number[] = [];
  for (const q of QUERIES) {
    const input = searchInputSchema.parse({ q });
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await runSearch(handle.db, await loadSearchScope(handle.db, userId), input);
      const ms = performance.now() - t0;
      times.push(ms);
      perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
    }
  }
  all.push(...times);
  console.log(`${handle.driver} ${who}: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`);
}
console.log(
  `${handle.driver} all: p50 ${percentile(all, 0.5).toFixed(1)} ms, p95 ${percentile(all, 0.95).toFixed(1)} ms (n=${all.length})`,
);

for (const [q, times] of perQuery) {
  const probe = await runSearch(handle.db, await loadSearchScope(handle.db, data.global.experts[0].id), searchInputSchema.parse({ q }));
  const found = Object.entries(probe.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  console.log(
    `  ${q}: p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms (expert finds: ${found || "nothing"})`,
  );
}

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
  ["一卡通", [3]],
  ["热线", [5]],
  ["路灯", [17]],
  ["共享", [7]],
  ["市民", [5]],
  ["空气质量", [16]],
  ["交通管理", [1]],
  ["网上", [4]],
  ["合作", [15]],
  ["会议", [12]],
  ["市", [0, 2, 5, 7, 14]],
];
// pg_trgm: on PostgreSQL in the bench database; for PGlite in a separate instance with the contrib loaded.
const trigramDb = handle.driver === "postgres" ? null : await PGlite.create({ extensions: { pg_trgm } });
const corpusRows = async <T>(query: string, params: unknown[]): Promise<T[]> => {
  if (trigramDb) return (await trigramDb.query<T>(query, params)).rows;
  const client = (handle.db as unknown as { $client: { unsafe: (q: string, p: unknown[]) => Promise<T[]> } }).$client;
  return client.unsafe(query, params);
};
await corpusRows("create extension if not exists pg_trgm", []);
await corpusRows("create temporary table search_zh_corpus (i int, t text, segmented text)", []);
const jieba = Jieba.withDict(dict);
const segmented = (text: string) => jieba.cutForSearch(text, true).join(" ");
for (const [i, t] of CORPUS.entries()) {
  await corpusRows(`insert into search_zh_corpus values (${i}, $1, $2)`, [t, segmented(t)]);
}
// The shipped segmentation, on the bench database (migration 0017's function).
await handle.db.execute(sql`create temporary table search_zh_bigrams (i int, v tsvector)`);
for (const [i, t] of CORPUS.entries()) {
  await handle.db.execute(sql`insert into search_zh_bigrams values (${i}, to_tsvector('simple', search_segment(${t})))`);
}
const shipped = (q: string) =>
  rows<{ i: number }>(handle, sql`select i from search_zh_bigrams where v @@ to_tsquery('simple', ${searchTermsOf(q).tsquery})`);
const methods: Record<string, (q: string) => Promise<{ i: number }[]>> = {
  "full-text (simple, prefix)": (q) =>
    corpusRows("select i from search_zh_corpus where to_tsvector('simple', t) @@ to_tsquery('simple', $1)", [`'${q}':*`]),
  "substring (ILIKE)": (q) => corpusRows("select i from search_zh_corpus where t ilike $1", [`%${q}%`]),
  "bigram phrase (search_segment, shipped)": shipped,
  "jieba (cutForSearch both sides, full-text AND)": (q) =>
    corpusRows("select i from search_zh_corpus where to_tsvector('simple', segmented) @@ to_tsquery('simple', $1)", [
      jieba
        .cut(q, true)
        .map((w) => `'${w}'`)
        .join(" & "),
    ]),
  "pg_trgm (similarity ≥ 0.3, %)": (q) => corpusRows("select i from search_zh_corpus where t % $1", [q]),
  "pg_trgm (word_similarity, <%)": (q) => corpusRows("select i from search_zh_corpus where $1 <% t", [q]),
};
for (const [name, query] of Object.entries(methods)) {
  let hit = 0;
  let expected = 0;
  let wrong = 0;
  const missed: string[] = [];
  for (const [q, want] of CASES) {
    const got = new Set((await query(q)).map((r) => Number(r.i)));
    expected += want.length;
    hit += want.filter((i) => got.has(i)).length;
    wrong += [...got].filter((i) => !want.includes(i)).length;
    for (const i of want.filter((i) => !got.has(i))) missed.push(`${q} in ${CORPUS[i]}`);
  }
  console.log(
    `${handle.driver} Chinese recall, ${name}: ${hit}/${expected} = ${((100 * hit) / expected).toFixed(0)} % (false hits ${wrong})` +
      (missed.length && missed.length <= 8 ? `; missed: ${missed.join("; ")}` : ""),
  );
}
await trigramDb?.close();
await handle.close();
