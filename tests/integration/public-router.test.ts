import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";
import { CAST_IDENTITIES, type CityCast, callerFor, castUserId, makeAssessment, makeCityCast } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
let cast: CityCast;
let publishedId: string;
let draftId: string;

beforeAll(async () => {
  h = await createTestDb();
  cast = await makeCityCast(h.db);
  publishedId = (
    await makeAssessment(h.db, {
      status: "published",
      cityId: cast.city.id,
      cycle: "2022",
      createdAt: new Date("2022-01-01"),
      levels: { governance: "average", funding: "basic" },
    })
  ).id;
  draftId = (
    await makeAssessment(h.db, { cityId: cast.city.id, cycle: "2024", status: "rated", levels: { governance: "state_of_the_art" } })
  ).id;
});
afterAll(() => h.close());

/** Every public procedure with an input that names the cast's city or its assessments. */
function procedures(caller: ReturnType<typeof callerFor>) {
  return {
    cities: () => caller.public.cities({ search: cast.city.name }),
    city: () => caller.public.city({ slug: cast.city.slug }),
    assessments: () => caller.public.assessments({ city: [cast.city.slug] }),
    assessment: () => caller.public.assessment({ id: publishedId }),
    benchmark: () => caller.public.benchmark({}),
    compare: () => caller.public.compare({ city: [cast.city.slug, cast.otherCity.slug] }),
  };
}

describe("public router: authorization matrix", () => {
  const names = ["cities", "city", "assessments", "assessment", "benchmark", "compare"] as const;
  for (const name of names) {
    it(`serves public.${name} to every identity, anonymous included, with the same published-only data`, async () => {
      const answers: string[] = [];
      for (const who of CAST_IDENTITIES) {
        const result = await procedures(callerFor(h.db, castUserId(cast, who)))[name]();
        const text = JSON.stringify(result);
        expect(text, who).not.toContain(draftId);
        answers.push(text);
      }
      // Signing in, or holding a role in the city, shows nothing more on the public side.
      expect(new Set(answers).size).toBe(1);
    });
  }

  it("answers NOT_FOUND for an assessment that is not published, to every identity (even the city's leadership)", async () => {
    for (const who of CAST_IDENTITIES) {
      await expect(callerFor(h.db, castUserId(cast, who)).public.assessment({ id: draftId }), who).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
  });

  it("rejects bad input with BAD_REQUEST and a message on the field", async () => {
    const caller = callerFor(h.db, null);
    await expect(caller.public.assessments({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.public.assessments({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.public.city({ slug: "Not A Slug!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.public.compare({ city: ["no-such-city-anywhere"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("public router and REST share one implementation", () => {
  it("gives the same assessment, city and benchmark over tRPC and over /api/v1", async () => {
    const caller = callerFor(h.db, null);
    const rest = async (route: (typeof openDataRoutes)[keyof typeof openDataRoutes], url: string, params: Record<string, string> = {}) =>
      (await serveOpenData(route, new Request(`http://localhost${url}`), params, async () => h.db, { limiter: null })).json();
    expect(await rest(openDataRoutes.getAssessment, `/api/v1/assessments/${publishedId}`, { id: publishedId })).toEqual(
      JSON.parse(JSON.stringify(await caller.public.assessment({ id: publishedId }))),
    );
    expect(await rest(openDataRoutes.getCity, `/api/v1/cities/${cast.city.slug}`, { slug: cast.city.slug })).toEqual(
      JSON.parse(JSON.stringify(await caller.public.city({ slug: cast.city.slug }))),
    );
    expect(await rest(openDataRoutes.getBenchmark, "/api/v1/benchmark")).toEqual(
      JSON.parse(JSON.stringify(await caller.public.benchmark({}))),
    );
  });

  it("compares cities with their latest published assessment, in the order asked", async () => {
    const result = await callerFor(h.db, null).public.compare({ city: [cast.otherCity.slug, cast.city.slug] });
    expect(result.cities.map((c) => c.city.slug)).toEqual([cast.otherCity.slug, cast.city.slug]);
    expect(result.cities[0].assessment).toBeNull();
    expect(result.cities[1].assessment?.id).toBe(publishedId);
    expect(result.cities[1].assessment?.levels.governance).toBe("average");
  });
});
