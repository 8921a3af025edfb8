import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { cacheTagInvalidations } from "@/db/schema";
import { invalidateCacheTags } from "@/server/cache/cache-invalidation";
import { PUBLIC_CITIES_TAG, publicCityTag, tagsForPublicCityChange } from "@/server/cache/cache-tags";
import { postgresClientFor, postgresInvalidationSource, TagInvalidatingCacheStore } from "@/server/cache/next-cache-handler.mjs";
import { createTestDb } from "../helpers/test-db";

/**
 * The Next cache handler's semantics (server/cache/next-cache-handler.mjs) against real writes of
 * invalidateCacheTags (server/cache/cache-invalidation.ts): in this process (the embedded database's
 * signal) on both databases, and across two "servers" (two stores, each with its own connection) on
 * PostgreSQL.
 */
let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

const CITY = "porto";
const OTHER_CITY = "lyon";

/** An `unstable_cache` entry as Next stores it, and the context Next passes. */
function dataEntry(body: unknown) {
  return { kind: "FETCH", data: { headers: {}, body: JSON.stringify(body), status: 200, url: "" }, revalidate: 31536000 };
}
const dataSet = (tags: string[]) => ({ fetchCache: true, tags, fetchIdx: 1, fetchUrl: "unstable_cache test" });
const dataGet = (tags: string[], softTags: string[] = []) => ({
  kind: "FETCH",
  tags,
  softTags,
  fetchIdx: 1,
  fetchUrl: "unstable_cache test",
});

/** An ISR page as Next stores it: its tags in the `x-next-cache-tags` header. */
function pageEntry(html: string, tags: string[]) {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from(`rsc ${html}`),
    headers: { "x-next-cache-tags": tags.join(",") },
    status: 200,
    postponed: undefined,
    segmentData: undefined,
  };
}
const pageSet = { cacheControl: { revalidate: false, expire: undefined }, isRoutePPREnabled: false, isFallback: false };
const pageGet = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false };
const CITY_PAGE_TAGS = [
  "_N_T_/layout",
  "_N_T_/[locale]/layout",
  "_N_T_/[locale]/cities/[slug]/page",
  "_N_T_/en/cities/porto",
  publicCityTag(CITY),
];

async function bodyOf(result: Awaited<ReturnType<TagInvalidatingCacheStore["get"]>>) {
  const value = result?.value as { data?: { body: string }; html?: string } | undefined;
  return value?.data ? JSON.parse(value.data.body) : value?.html;
}

describe("on one server (the embedded database's in-process signal)", () => {
  it("serves what was set until a tag it carries is invalidated, then misses", async () => {
    const store = new TagInvalidatingCacheStore();
    await store.set("city-data", dataEntry({ name: "Porto" }), dataSet([publicCityTag(CITY)]));
    await store.set("other-data", dataEntry({ name: "Lyon" }), dataSet([publicCityTag(OTHER_CITY)]));
    expect(await bodyOf(await store.get("city-data", dataGet([publicCityTag(CITY)])))).toEqual({ name: "Porto" });

    await h.db.transaction((tx) => invalidateCacheTags(tx, tagsForPublicCityChange(CITY)));

    expect(await store.get("city-data", dataGet([publicCityTag(CITY)]))).toBeNull();
    // Another city's entry carries none of those tags.
    expect(await bodyOf(await store.get("other-data", dataGet([publicCityTag(OTHER_CITY)])))).toEqual({ name: "Lyon" });
  });

  it("keeps entries set after the invalidation", async () => {
    const store = new TagInvalidatingCacheStore();
    await invalidateCacheTags(h.db, [PUBLIC_CITIES_TAG]);
    expect(await store.get("cities", dataGet([PUBLIC_CITIES_TAG]))).toBeNull();
    await store.set("cities", dataEntry(["Porto", "Lyon"]), dataSet([PUBLIC_CITIES_TAG]));
    expect(await bodyOf(await store.get("cities", dataGet([PUBLIC_CITIES_TAG])))).toEqual(["Porto", "Lyon"]);
  });

  it("invalidates pages by the tags in their x-next-cache-tags header, including the implicit path tag", async () => {
    const store = new TagInvalidatingCacheStore();
    await store.set("/en/cities/porto", pageEntry("<p>Porto v1</p>", CITY_PAGE_TAGS), pageSet);
    expect(await bodyOf(await store.get("/en/cities/porto", pageGet))).toBe("<p>Porto v1</p>");

    await invalidateCacheTags(h.db, ["_N_T_/en/cities/porto"]);
    expect(await store.get("/en/cities/porto", pageGet)).toBeNull();

    await store.set("/en/cities/porto", pageEntry("<p>Porto v2</p>", CITY_PAGE_TAGS), pageSet);
    expect(await bodyOf(await store.get("/en/cities/porto", pageGet))).toBe("<p>Porto v2</p>");
    await invalidateCacheTags(h.db, [publicCityTag(CITY)]);
    expect(await store.get("/en/cities/porto", pageGet)).toBeNull();
  });

  it("invalidates data by the soft (implicit path) tags of the page that reads it", async () => {
    const store = new TagInvalidatingCacheStore();
    await store.set("benchmark-data", dataEntry({ n: 3 }), dataSet(["public:benchmark"]));
    const read = () => store.get("benchmark-data", dataGet(["public:benchmark"], ["_N_T_/layout", "_N_T_/zh/benchmark"]));
    expect(await bodyOf(await read())).toEqual({ n: 3 });
    await invalidateCacheTags(h.db, ["_N_T_/zh/benchmark"]);
    expect(await read()).toBeNull();
  });

  it("treats a result whose render began before an invalidation as stale", async () => {
    const store = new TagInvalidatingCacheStore();
    // A render misses, reads the old data, and stores its result only after the invalidation.
    expect(await store.get("slow-render", dataGet([publicCityTag(CITY)]))).toBeNull();
    await invalidateCacheTags(h.db, [publicCityTag(CITY)]);
    await store.set("slow-render", dataEntry({ name: "old name" }), dataSet([publicCityTag(CITY)]));
    expect(await store.get("slow-render", dataGet([publicCityTag(CITY)]))).toBeNull();
    // The render after the invalidation is kept.
    await store.set("slow-render", dataEntry({ name: "new name" }), dataSet([publicCityTag(CITY)]));
    expect(await bodyOf(await store.get("slow-render", dataGet([publicCityTag(CITY)])))).toEqual({ name: "new name" });
  });

  it("records each tag's epoch in the table, in the caller's transaction (a rollback records nothing)", async () => {
    const before = await epochOf("public:rollback-probe");
    await expect(
      h.db.transaction(async (tx) => {
        await invalidateCacheTags(tx, ["public:rollback-probe"]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await epochOf("public:rollback-probe")).toBe(before);

    const epoch = await h.db.transaction((tx) => invalidateCacheTags(tx, ["public:rollback-probe", PUBLIC_CITIES_TAG]));
    expect(await epochOf("public:rollback-probe")).toBe(epoch);
    expect(await epochOf(PUBLIC_CITIES_TAG)).toBe(epoch);
    expect(await invalidateCacheTags(h.db, [PUBLIC_CITIES_TAG])).toBe(epoch + 1);
    expect(await invalidateCacheTags(h.db, [])).toBe(0);
  });

  it("revalidateTag through the handler (Next's revalidateTag/revalidatePath) invalidates in this process", async () => {
    const store = new TagInvalidatingCacheStore();
    await store.set("k", dataEntry(1), dataSet(["public:benchmark"]));
    await store.revalidateTag(["public:benchmark"]);
    expect(await store.get("k", dataGet(["public:benchmark"]))).toBeNull();
  });
});

async function epochOf(tag: string): Promise<number | null> {
  const rows = await h.db
    .select({ epoch: cacheTagInvalidations.epoch })
    .from(cacheTagInvalidations)
    .where(sql`${cacheTagInvalidations.tag} = ${tag}`);
  return rows[0] ? Number(rows[0].epoch) : null;
}

// Two servers need two connections to one database: PostgreSQL only (PGlite is one process).
describe.runIf(Boolean(process.env.DATABASE_URL))("across servers (PostgreSQL)", () => {
  const clients: postgres.Sql[] = [];
  const server = () => {
    const client = postgres(h.url ?? "", { max: 2, onnotice: () => {} });
    clients.push(client);
    return new TagInvalidatingCacheStore({ source: postgresInvalidationSource(client) });
  };
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end()));
  });
  /** As Next does: a get that misses, a render, a set. */
  async function render(store: TagInvalidatingCacheStore, key: string, entry: unknown, setCtx: unknown, getCtx: unknown) {
    expect(await store.get(key, getCtx)).toBeNull();
    await store.set(key, entry, setCtx);
  }

  it("a change committed through one server makes the other's next get miss", async () => {
    const a = server();
    const b = server();
    await render(b, "/en/cities/porto", pageEntry("<p>Porto</p>", CITY_PAGE_TAGS), pageSet, pageGet);
    await render(b, "/en/cities/lyon", pageEntry("<p>Lyon</p>", ["_N_T_/en/cities/lyon", publicCityTag(OTHER_CITY)]), pageSet, pageGet);
    expect(await bodyOf(await b.get("/en/cities/porto", pageGet))).toBe("<p>Porto</p>");

    // The write path: the change and its invalidation in one transaction, on the app's pool.
    await h.db.transaction((tx) => invalidateCacheTags(tx, tagsForPublicCityChange(CITY)));

    expect(await b.get("/en/cities/porto", pageGet)).toBeNull();
    expect(await bodyOf(await b.get("/en/cities/lyon", pageGet))).toBe("<p>Lyon</p>");
    // Server A never cached the page; what it stores now is valid on A.
    expect(await a.get("/en/cities/porto", pageGet)).toBeNull();
    await a.set("/en/cities/porto", pageEntry("<p>Porto renamed</p>", CITY_PAGE_TAGS), pageSet);
    expect(await bodyOf(await a.get("/en/cities/porto", pageGet))).toBe("<p>Porto renamed</p>");
  });

  it("an invalidation in a transaction that has not committed does not count yet, and one rolled back never", async () => {
    const b = server();
    await render(b, "d", dataEntry("v1"), dataSet(["public:tx-probe"]), dataGet(["public:tx-probe"]));
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const inFlight = h.db.transaction(async (tx) => {
      await invalidateCacheTags(tx, ["public:tx-probe"]);
      written();
      await committed;
    });
    await wrote;
    expect(await bodyOf(await b.get("d", dataGet(["public:tx-probe"])))).toBe("v1");
    commit();
    await inFlight;
    expect(await b.get("d", dataGet(["public:tx-probe"]))).toBeNull();

    await render(b, "e", dataEntry("v1"), dataSet(["public:rolled-back"]), dataGet(["public:rolled-back"]));
    await h.db
      .transaction(async (tx) => {
        await invalidateCacheTags(tx, ["public:rolled-back"]);
        tx.rollback();
      })
      .catch(() => {});
    expect(await bodyOf(await b.get("e", dataGet(["public:rolled-back"])))).toBe("v1");
  });

  it("Next's revalidateTag on one server reaches the other", async () => {
    const a = server();
    const b = server();
    await render(b, "bench", dataEntry({ n: 1 }), dataSet(["public:benchmark"]), dataGet(["public:benchmark"]));
    await a.revalidateTag("public:benchmark");
    expect(await b.get("bench", dataGet(["public:benchmark"]))).toBeNull();
  });

  it("concurrent gets share one invalidation query that started after they arrived", async () => {
    const b = server();
    await b.sync();
    const before = b.stats.syncQueries;
    await Promise.all(Array.from({ length: 20 }, (_, i) => b.get(`missing-${i}`, dataGet([]))));
    // One query already running when the burst arrives would not do: at most it plus one more.
    expect(b.stats.syncQueries - before).toBeLessThanOrEqual(2);
  });
});

/** Runs `work` with console.error silenced (the store logs its first failed read). */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const errors = console.error;
  console.error = () => {};
  try {
    return await work();
  } finally {
    console.error = errors;
  }
}

describe("when the shared invalidations cannot be read", () => {
  it("after a failed read, gets miss at once for a second instead of each trying the database again", async () => {
    let clock = 1_000_000;
    let reads = 0;
    const broken = new TagInvalidatingCacheStore({
      now: () => clock,
      source: {
        readSince: () => {
          reads += 1;
          return Promise.reject(new Error("connection timed out"));
        },
        invalidate: () => Promise.resolve(),
      },
    });
    await quietly(async () => {
      for (let i = 0; i < 5; i++) expect(await broken.get(`k${i}`, dataGet([]))).toBeNull();
      expect(reads).toBe(1);
      clock += 1_001;
      expect(await broken.get("later", dataGet([]))).toBeNull();
      expect(reads).toBe(2);
    });
  });

  it("fails fast against a PostgreSQL that refuses connections: no growing reconnect delay", async () => {
    // A port nothing listens on. postgres.js's default backoff (3^n/100 s before the n-th new
    // attempt) made eight consecutive reads take over 10 s; the handler's own bound keeps each short.
    const client = postgresClientFor("postgres://postgres@127.0.0.1:9/none");
    let clock = 1_000_000;
    const store = new TagInvalidatingCacheStore({ now: () => (clock += 2_000), source: postgresInvalidationSource(client) });
    try {
      const started = performance.now();
      await quietly(async () => {
        for (let i = 0; i < 8; i++) expect(await store.get(`k${i}`, dataGet([]))).toBeNull();
      });
      expect(store.stats.syncQueries).toBe(8);
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it("an unreachable database makes gets miss (fresh renders), never serve unchecked entries", async () => {
    const broken = new TagInvalidatingCacheStore({
      source: {
        readSince: () => Promise.reject(new Error("connection refused")),
        invalidate: () => Promise.resolve(),
      },
    });
    await broken.set("x", dataEntry(1), dataSet([]));
    const errors = console.error;
    console.error = () => {};
    try {
      expect(await broken.get("x", dataGet([]))).toBeNull();
    } finally {
      console.error = errors;
    }
  });
});
