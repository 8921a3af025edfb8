import fs from "node:fs";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { createFixedWindowLimiter } from "@/server/http/rate-limit";
import { serveOpenData } from "@/server/public/open-data-http";
import { type AnyOpenDataRoute, openDataRoutes } from "@/server/public/open-data-routes";
import { buildOpenApiDocument } from "@/server/public/openapi";
import { cohortBenchmark } from "@/server/scoring/cohort-benchmark";
import { currentFramework } from "@/server/scoring/framework-registry";
import { levelsFromScore, scoreAssessment } from "@/server/scoring/score-assessment";
import { CHARACTERISTIC_KEYS, FIGURE3_COLUMNS } from "@/shared/domain-values";
import { makeAssessment, makeCity, withdrawPublished } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
const ids = {} as Record<"a2019" | "a2021" | "aDraft" | "bWithdrawn" | "cInReview" | "dRated" | "e2022", string>;
let unpublishedIds: string[];
let slugs: Record<"a" | "b" | "c" | "d" | "e", string>;

function get(route: AnyOpenDataRoute, url: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  return serveOpenData(route, new Request(`http://localhost${url}`, { headers }), params, async () => h.db, { limiter: null });
}
async function json(route: AnyOpenDataRoute, url: string, params: Record<string, string> = {}) {
  const res = await get(route, url, params);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}
/** A small RFC 4180 reader: quoted cells may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  return rows;
}

beforeAll(async () => {
  h = await createTestDb();
  const a = await makeCity(h.db, { region: "EU", name: `Alphaville ${Date.now()}` });
  const b = await makeCity(h.db, { region: "China", name: `Betacheng ${Date.now()}` });
  const c = await makeCity(h.db, { region: "EU", name: `Gammaburg ${Date.now()}` });
  const d = await makeCity(h.db, { region: "China", name: `Deltazhou ${Date.now()}` });
  const e = await makeCity(h.db, { region: "EU", name: `=Eps, "Old" Town ${Date.now()}`, slug: `eps-old-town-${Date.now()}` });
  slugs = { a: a.slug, b: b.slug, c: c.slug, d: d.slug, e: e.slug };
  ids.a2019 = (
    await makeAssessment(h.db, {
      status: "published",
      cityId: a.id,
      cycle: "2019",
      createdAt: new Date("2019-01-01"),
      publishedAt: new Date("2019-06-01"),
      levels: { smart_city_strategy: "basic", governance: "average", funding: "not_yet_addressed" },
    })
  ).id;
  ids.a2021 = (
    await makeAssessment(h.db, {
      status: "published",
      cityId: a.id,
      cycle: "2021",
      createdAt: new Date("2021-01-01"),
      publishedAt: new Date("2021-06-01"),
      levels: { smart_city_strategy: "average", governance: "more_advanced", funding: "basic", stakeholders: "not_assessed" },
    })
  ).id;
  ids.aDraft = (
    await makeAssessment(h.db, { cityId: a.id, cycle: "2023", status: "draft", levels: { governance: "state_of_the_art" } })
  ).id;
  const bPublished = await makeAssessment(h.db, { status: "published", cityId: b.id, cycle: "2020", levels: { governance: "basic" } });
  await withdrawPublished(h.db, bPublished.id);
  ids.bWithdrawn = bPublished.id;
  ids.cInReview = (await makeAssessment(h.db, { cityId: c.id, cycle: "2021", status: "in_review", levels: { funding: "average" } })).id;
  ids.dRated = (await makeAssessment(h.db, { cityId: d.id, cycle: "2021", status: "rated", levels: { funding: "average" } })).id;
  ids.e2022 = (
    await makeAssessment(h.db, {
      status: "published",
      cityId: e.id,
      cycle: "2021",
      createdAt: new Date("2021-02-01"),
      publishedAt: new Date("2022-01-01"),
      levels: { smart_city_strategy: "state_of_the_art", governance: "more_advanced", funding: "average" },
    })
  ).id;
  unpublishedIds = [ids.aDraft, ids.bWithdrawn, ids.cInReview, ids.dRated];
});
afterAll(() => h.close());

describe("open data API: only published data", () => {
  const filterSets = [
    "",
    "?latest=true",
    "?region=EU",
    "?region=China",
    "?cycle=2021",
    "?cycle=2020",
    "?cycle=2023",
    "?frameworkVersion=2014.1",
    "?limit=1",
  ];

  it("never lists an unpublished assessment, whatever the filters, in JSON or CSV", async () => {
    const cityFilters = Object.values(slugs).map((s) => `?city=${s}`);
    for (const query of [...filterSets, ...cityFilters, `?city=${Object.values(slugs).join(",")}`]) {
      for (const format of ["", query ? "&format=csv" : "?format=csv"]) {
        const res = await get(openDataRoutes.listAssessments, `/api/v1/assessments${query}${format}`);
        expect(res.status, query).toBe(200);
        const body = await res.text();
        for (const id of unpublishedIds) expect(body, `${query}${format}`).not.toContain(id);
      }
    }
    const all = await json(openDataRoutes.listAssessments, "/api/v1/assessments?limit=100");
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.a2019, ids.a2021, ids.e2022].sort());
  });

  it("answers 404 for an assessment that is not published, even by its id", async () => {
    for (const id of unpublishedIds) {
      const res = await get(openDataRoutes.getAssessment, `/api/v1/assessments/${id}`, { id });
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatch(/published/);
    }
    const ok = await get(openDataRoutes.getAssessment, `/api/v1/assessments/${ids.a2021}`, { id: ids.a2021 });
    expect(ok.status).toBe(200);
  });

  it("keeps unpublished work out of the cities list, the city page and the benchmark", async () => {
    const cities = await get(openDataRoutes.listCities, "/api/v1/cities?limit=200");
    const benchmark = await get(openDataRoutes.getBenchmark, "/api/v1/benchmark");
    const bodies = [await cities.text(), await benchmark.text()];
    for (const slug of Object.values(slugs)) {
      const res = await get(openDataRoutes.getCity, `/api/v1/cities/${slug}`, { slug });
      bodies.push(await res.text());
    }
    for (const body of bodies) for (const id of unpublishedIds) expect(body).not.toContain(id);
    const list = JSON.parse(bodies[0]);
    const bySlug = new Map(list.items.map((c: { slug: string }) => [c.slug, c]));
    expect((bySlug.get(slugs.a) as { latestAssessment: { id: string } }).latestAssessment.id).toBe(ids.a2021);
    expect((bySlug.get(slugs.c) as { latestAssessment: unknown }).latestAssessment).toBeNull();
    const bench = JSON.parse(bodies[1]);
    expect(bench.assessmentCount).toBe(2);
  });

  it("says on the city that a cycle was withdrawn and when, without serving its levels", async () => {
    const detail = await json(openDataRoutes.getCity, `/api/v1/cities/${slugs.b}`, { slug: slugs.b });
    expect(detail.latestAssessment).toBeNull();
    expect(detail.history).toEqual([]);
    expect(detail.withdrawn).toHaveLength(1);
    expect(detail.withdrawn[0].cycle).toBe("2020");
    expect(new Date(detail.withdrawn[0].withdrawnAt).toISOString()).toBe(detail.withdrawn[0].withdrawnAt);
    expect(detail.withdrawn[0].reason).toMatch(/Data error/);
  });
});

describe("open data API: content", () => {
  it("serves levels derived by the scoring core, the framework version and ISO dates", async () => {
    const detail = await json(openDataRoutes.getAssessment, `/api/v1/assessments/${ids.a2021}`, { id: ids.a2021 });
    expect(detail.frameworkKey).toBe("eu-china-smart-city");
    expect(detail.frameworkVersion).toBe("2014.1");
    expect(detail.publishedAt).toBe("2021-06-01T00:00:00.000Z");
    expect(detail.illustrative).toBe(false);
    expect(detail.note).toBeNull();
    expect(detail.levels).toMatchObject({
      smart_city_strategy: "average",
      governance: "more_advanced",
      funding: "basic",
      stakeholders: "not_assessed",
      legal_regulatory_policies: "not_assessed",
    });
    const governance = detail.characteristics.find((c: { key: string }) => c.key === "governance");
    expect(governance.criteriaMet.length).toBeGreaterThan(0);
    expect(governance.criteriaMet.every((k: string) => !k.includes("state_of_the_art"))).toBe(true);
    const fundingStep = detail.roadmap.find((s: { characteristicKey: string }) => s.characteristicKey === "funding");
    expect(fundingStep.nextLevel).toBe("average");
    expect(fundingStep.unmetCriteria.length).toBeGreaterThan(0);
    expect(fundingStep.unmetCriteria[0].text.en.length).toBeGreaterThan(0);
  });

  it("shows a city's progress from the previous published cycle", async () => {
    const detail = await json(openDataRoutes.getCity, `/api/v1/cities/${slugs.a}`, { slug: slugs.a });
    expect(detail.history.map((h: { cycle: string }) => h.cycle)).toEqual(["2019", "2021"]);
    expect(detail.progress.fromCycle).toBe("2019");
    expect(detail.progress.toCycle).toBe("2021");
    const governance = detail.progress.characteristics.find((c: { key: string }) => c.key === "governance");
    expect(governance).toMatchObject({ before: "average", after: "more_advanced", change: 1 });
  });

  it("pages through assessments with a cursor, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await json(
        openDataRoutes.listAssessments,
        `/api/v1/assessments?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.a2021, ids.e2022, ids.a2019].sort((x, y) => order(x) - order(y)));
    function order(id: string) {
      return { [ids.a2021]: 1, [ids.e2022]: 0, [ids.a2019]: 2 }[id];
    }
  });

  it("pages through cities by name and filters them by region and level", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await json(
        openDataRoutes.listCities,
        `/api/v1/cities?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      names.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
    const advanced = await json(openDataRoutes.listCities, "/api/v1/cities?level=state_of_the_art");
    expect(advanced.items.map((c: { slug: string }) => c.slug)).toEqual([slugs.e]);
    const governanceAverage = await json(
      openDataRoutes.listCities,
      "/api/v1/cities?level=more_advanced&characteristic=governance&region=EU",
    );
    expect(governanceAverage.items.map((c: { slug: string }) => c.slug).sort()).toEqual([slugs.a, slugs.e].sort());
    const byName = await json(openDataRoutes.listCities, "/api/v1/cities?search=alphav");
    expect(byName.items.map((c: { slug: string }) => c.slug)).toEqual([slugs.a]);
  });
});

describe("open data API: bad requests", () => {
  it.each([
    ["/api/v1/assessments?limit=0", "limit"],
    ["/api/v1/assessments?limit=abc", "limit"],
    ["/api/v1/assessments?region=Mars", "region"],
    ["/api/v1/assessments?cursor=not-a-cursor", "cursor"],
    [`/api/v1/assessments?cursor=${Buffer.from('["2020-01-01","x"]').toString("base64url")}`, "cursor"],
    ["/api/v1/assessments?regoin=EU", "regoin"],
    ["/api/v1/assessments?format=xml", "format"],
    ["/api/v1/cities?level=superb", "level"],
    ["/api/v1/benchmark?region=EU,Atlantis", "region"],
  ])("answers %s with 400 naming the field %s", async (url, field) => {
    const route = url.includes("cities")
      ? openDataRoutes.listCities
      : url.includes("benchmark")
        ? openDataRoutes.getBenchmark
        : openDataRoutes.listAssessments;
    const res = await get(route, url);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fieldErrors[field]?.length, JSON.stringify(body)).toBeGreaterThan(0);
    expect(body.error.length).toBeGreaterThan(0);
  });

  it("answers an assessment id that is not a uuid with 400, and an unknown city with 404", async () => {
    expect((await get(openDataRoutes.getAssessment, "/api/v1/assessments/123", { id: "123" })).status).toBe(400);
    expect((await get(openDataRoutes.getCity, "/api/v1/cities/atlantis", { slug: "atlantis" })).status).toBe(404);
  });
});

describe("open data API: CSV", () => {
  it("serves the assessments list as CSV with a stable header and one row per item", async () => {
    const res = await get(openDataRoutes.listAssessments, "/api/v1/assessments?format=csv");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="assessments.csv"/);
    const text = await res.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "assessment_id",
      "city_slug",
      "city_name",
      "country",
      "region",
      "cycle",
      "framework_key",
      "framework_version",
      "published_at",
      "illustrative",
      ...CHARACTERISTIC_KEYS,
      "localized_city_name",
      "localized_country",
    ]);
    expect(rows).toHaveLength(1 + 3);
    const a2021 = rows.find((r) => r[0] === ids.a2021)!;
    expect(a2021[rows[0].indexOf("governance")]).toBe("more_advanced");
    expect(a2021[rows[0].indexOf("published_at")]).toBe("2021-06-01T00:00:00.000Z");
  });

  it("quotes commas and quotes, and defuses spreadsheet formulas in names", async () => {
    const text = await (await get(openDataRoutes.listCities, "/api/v1/cities?format=csv")).text();
    const line = text.split("\r\n").find((l) => l.startsWith(slugs.e))!;
    expect(line).toContain(`"'=Eps, ""Old"" Town`);
    const rows = parseCsv(text);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
    expect(rows.find((r) => r[0] === slugs.e)![1]).toMatch(/^'=Eps, "Old" Town/);
  });

  it("chooses CSV from the Accept header too", async () => {
    const res = await get(openDataRoutes.getBenchmark, "/api/v1/benchmark", {}, { accept: "text/csv" });
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("vary")).toBe("Accept");
  });

  it("serves the benchmark as one CSV row per region and characteristic whose counts add up", async () => {
    const rows = parseCsv(await (await get(openDataRoutes.getBenchmark, "/api/v1/benchmark?format=csv")).text());
    const [header, ...data] = rows;
    expect(header.slice(0, 4)).toEqual(["region", "characteristic", "rateable", "cities"]);
    // Only EU has published assessments here (A, E); China's only one was withdrawn.
    expect(data).toHaveLength(9);
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set(["EU"]));
    for (const row of data) {
      const counts = header.map((col, i) => (col.endsWith("_count") ? Number(row[i]) : 0)).reduce((x, y) => x + y, 0);
      const status = row[header.indexOf("status")];
      expect(counts).toBe(status === "no_maturity_criteria" ? 0 : Number(row[3]));
      expect(status).toBe(row[1] === "legal_regulatory_policies" ? "no_maturity_criteria" : "assessed");
    }
  });

  it("serves one assessment as one CSV row per characteristic with its next step", async () => {
    const rows = parseCsv(
      await (await get(openDataRoutes.getAssessment, `/api/v1/assessments/${ids.a2021}?format=csv`, { id: ids.a2021 })).text(),
    );
    expect(rows).toHaveLength(1 + 9);
    const funding = rows.find((r) => r[5] === "funding")!;
    expect(funding[rows[0].indexOf("level")]).toBe("basic");
    expect(funding[rows[0].indexOf("next_level")]).toBe("average");
  });
});

describe("open data API: caching and rate limit", () => {
  it("sends an ETag and Cache-Control, and answers 304 when the ETag still matches", async () => {
    const first = await get(openDataRoutes.getBenchmark, "/api/v1/benchmark");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
    const second = await get(openDataRoutes.getBenchmark, "/api/v1/benchmark", {}, { "if-none-match": etag });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe("");
    const csv = await get(openDataRoutes.getBenchmark, "/api/v1/benchmark?format=csv", {}, { "if-none-match": etag });
    expect(csv.status).toBe(200);
  });

  it("refuses a client over the limit with 429, Retry-After and a JSON reason", async () => {
    const limiter = createFixedWindowLimiter({ limit: 2, windowMs: 60_000 });
    const call = (ip: string) =>
      serveOpenData(
        openDataRoutes.listCities,
        new Request("http://localhost/api/v1/cities", { headers: { "x-forwarded-for": ip } }),
        {},
        async () => h.db,
        { limiter },
      );
    expect((await call("203.0.113.7")).status).toBe(200);
    expect((await call("203.0.113.7")).status).toBe(200);
    const refused = await call("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
    expect(body.error).toMatch(/Too many requests/);
    expect((await call("198.51.100.1")).status).toBe(200);
  });
});

describe("open data API: benchmark", () => {
  it("equals the scoring core's cohort result over the published assessments", async () => {
    const published = await h.db.select().from(assessments).where(eq(assessments.status, "published"));
    const latest = published.filter((a) => a.id !== ids.a2019);
    const framework = currentFramework();
    const [judgements, ratings] = await Promise.all([
      h.db
        .select()
        .from(criterionJudgements)
        .where(
          inArray(
            criterionJudgements.assessmentId,
            latest.map((a) => a.id),
          ),
        ),
      h.db
        .select()
        .from(characteristicRatings)
        .where(
          inArray(
            characteristicRatings.assessmentId,
            latest.map((a) => a.id),
          ),
        ),
    ]);
    const entries = [];
    for (const a of latest) {
      const score = scoreAssessment(framework, {
        frameworkKey: a.frameworkKey,
        frameworkVersion: a.frameworkVersion,
        judgements: judgements.filter((j) => j.assessmentId === a.id),
        ratings: ratings.filter((r) => r.assessmentId === a.id),
      });
      if (!score.ok) throw new Error("unscorable fixture");
      entries.push({ group: "EU", levels: levelsFromScore(score.value) });
    }
    const expected = cohortBenchmark(framework, entries);
    const served = await json(openDataRoutes.getBenchmark, "/api/v1/benchmark");
    // The rated rows are the core's; a characteristic without criteria is its own status, not "100 % not assessed".
    const zero = Object.fromEntries(FIGURE3_COLUMNS.map((l) => [l, 0]));
    expect(served.groups).toEqual(
      expected.groups.map((g) => ({
        ...g,
        rows: g.rows.map((r) => ({
          ...r,
          status: r.rateable ? "assessed" : "no_maturity_criteria",
          counts: r.rateable ? r.counts : zero,
          shares: r.rateable ? r.shares : zero,
          printed: null,
          note: null,
        })),
      })),
    );
    expect(served.figure3).toBeNull();
    expect(served.cycles).toEqual(["2021", "2019"]);
  });

  it("filters by cycle and region", async () => {
    const cycle2019 = await json(openDataRoutes.getBenchmark, "/api/v1/benchmark?cycle=2019");
    expect(cycle2019.assessmentCount).toBe(1);
    expect(cycle2019.groups[0].rows.find((r: { characteristicKey: string }) => r.characteristicKey === "governance").counts.average).toBe(
      1,
    );
    const china = await json(openDataRoutes.getBenchmark, "/api/v1/benchmark?region=China");
    expect(china.groups).toEqual([]);
    expect(china.regions).toEqual(["China"]);
  });
});

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument();

  it("is an OpenAPI 3.1 document whose references all resolve", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title.length).toBeGreaterThan(0);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const target = ref.slice(8, -1);
      expect(target.startsWith("#/components/schemas/"), target).toBe(true);
      expect(doc.components.schemas[target.split("/").pop()!], target).toBeDefined();
    }
    for (const [p, item] of Object.entries(doc.paths) as [
      string,
      { get: { operationId: string; responses: Record<string, unknown>; parameters?: { name: string; in: string; schema: unknown }[] } },
    ][]) {
      expect(item.get.operationId).toBeTruthy();
      expect(item.get.responses["200"]).toBeDefined();
      const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (item.get.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name);
      expect(pathParams.sort()).toEqual(templated.sort());
      for (const param of item.get.parameters ?? []) expect(param.schema).toBeDefined();
    }
  });

  it("covers every route under /api/v1", () => {
    const root = path.join(process.cwd(), "app", "api", "v1");
    const routeFiles: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts") routeFiles.push(full);
      }
    };
    walk(root);
    const documented = Object.keys(doc.paths).sort();
    const routes = routeFiles
      .map((f) => "/api/v1/" + path.relative(root, path.dirname(f)).split(path.sep).join("/"))
      .map((p) => p.replace(/\[(\w+)\]/g, "{$1}"))
      .sort();
    expect(documented).toEqual(routes);
  });

  it("documents every query parameter the handlers accept, and the response fields they send", async () => {
    const served: Record<string, unknown> = {
      listCities: await json(openDataRoutes.listCities, "/api/v1/cities"),
      getCity: await json(openDataRoutes.getCity, `/api/v1/cities/${slugs.a}`, { slug: slugs.a }),
      listAssessments: await json(openDataRoutes.listAssessments, "/api/v1/assessments"),
      getAssessment: await json(openDataRoutes.getAssessment, `/api/v1/assessments/${ids.a2021}`, { id: ids.a2021 }),
      getBenchmark: await json(openDataRoutes.getBenchmark, "/api/v1/benchmark"),
      getCityKpis: await json(openDataRoutes.getCityKpis, `/api/v1/cities/${slugs.a}/kpis`, { slug: slugs.a }),
      getIndicatorBenchmark: await json(openDataRoutes.getIndicatorBenchmark, "/api/v1/kpis/economy.unemployment_rate/benchmark", {
        indicatorKey: "economy.unemployment_rate",
      }),
      getCityAuditCheckpoints: await json(openDataRoutes.getCityAuditCheckpoints, `/api/v1/cities/${slugs.a}/audit-checkpoints`, {
        slug: slugs.a,
      }),
    };
    for (const route of Object.values(openDataRoutes) as AnyOpenDataRoute[]) {
      const operation = (doc.paths[route.path] as { get: { parameters: { name: string }[] } }).get;
      const documented = operation.parameters.map((p) => p.name).sort();
      const accepted = [...Object.keys(route.query?.shape ?? {}), ...Object.keys(route.pathParams?.shape ?? {}), "format", "lang"].sort();
      expect(documented).toEqual(accepted);
      const schema = doc.components.schemas[route.responseName] as { properties: Record<string, unknown>; required: string[] };
      expect(Object.keys(served[route.operationId] as object).sort()).toEqual(Object.keys(schema.properties).sort());
      expect(schema.required.sort()).toEqual(Object.keys(schema.properties).sort());
    }
  });
});
