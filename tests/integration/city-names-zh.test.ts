import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCaller } from "@/server/api/root-router";
import { slugifyCityName } from "@/server/cities/city-slug";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";
import pilotCities from "@/server/seed/data/pilot-cities.json";
import { seedPilotCities } from "@/server/seed/demo";
import { makeAssessment, makeCity } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
  process.env.RATE_LIMIT_DISABLED = "1";
  await seedPilotCities(h.db);
});
afterAll(() => h.close());

const caller = (locale?: "en" | "zh") => createCaller({ db: h.db, userId: null, clientIp: "127.0.0.1", locale });
const rest = (path: string) =>
  serveOpenData(openDataRoutes.listCities, new Request(`http://localhost${path}`), {}, async () => h.db, { limiter: null });
const HAN = /^[\p{Script=Han}（）/·]+$/u;

describe("Chinese names of the pilot cities", () => {
  it("has an official Chinese name for each of the 30 pilot cities and their countries, all different", () => {
    expect(pilotCities.cities).toHaveLength(30);
    for (const c of pilotCities.cities) {
      expect(c.nameZh, c.name).toMatch(HAN);
      expect(c.countryZh, c.country).toMatch(HAN);
    }
    expect(new Set(pilotCities.cities.map((c) => c.nameZh)).size).toBe(30);
    const byName = new Map(pilotCities.cities.map((c) => [c.name, c]));
    expect(byName.get("Barcelona")).toMatchObject({ nameZh: "巴塞罗那", countryZh: "西班牙" });
    expect(byName.get("Amsterdam")).toMatchObject({ nameZh: "阿姆斯特丹", countryZh: "荷兰" });
    expect(byName.get("Shanghai Pudong New Area")).toMatchObject({ nameZh: "上海浦东新区", countryZh: "中国" });
    expect(byName.get("Beijing Haidian District")?.nameZh).toBe("北京市海淀区");
  });

  it("returns the localized name for the request's locale from public.cities and public.city, keeping the stored name", async () => {
    const zh = await caller("zh").public.cities({ limit: 200 });
    const barcelona = zh.items.find((c) => c.slug === "barcelona")!;
    expect(barcelona).toMatchObject({ name: "Barcelona", country: "Spain", localizedName: "巴塞罗那", localizedCountry: "西班牙" });
    expect(zh.items.filter((c) => c.isPilot).every((c) => HAN.test(c.localizedName))).toBe(true);

    const en = await caller("en").public.city({ slug: "amsterdam" });
    expect(en.city).toMatchObject({ localizedName: "Amsterdam", localizedCountry: "Netherlands" });
    const noLocale = await caller().public.city({ slug: "amsterdam" });
    expect(noLocale.city.localizedName).toBe("Amsterdam");
    const zhCity = await caller("zh").public.city({ slug: "amsterdam" });
    expect(zhCity.city).toMatchObject({ name: "Amsterdam", localizedName: "阿姆斯特丹", localizedCountry: "荷兰" });
  });

  it("localizes the city of published assessments and comparisons", async () => {
    const zagreb = pilotCities.cities.find((c) => c.name === "Zagreb")!;
    const [city] = (await caller("zh").public.cities({ search: "Zagreb" })).items;
    const cityRow = await h.db.query.cities.findFirst({ where: (t, { eq }) => eq(t.slug, slugifyCityName(zagreb.name)) });
    const a = await makeAssessment(h.db, { cityId: cityRow!.id, status: "published" });
    expect(city.slug).toBe("zagreb");
    expect((await caller("zh").public.assessment({ id: a.id })).city.localizedName).toBe("萨格勒布");
    const list = await caller("zh").public.assessments({ city: ["zagreb"] });
    expect(list.items[0].city).toMatchObject({ localizedName: "萨格勒布", localizedCountry: "克罗地亚" });
    const compared = await caller("zh").public.compare({ city: ["zagreb", "barcelona"] });
    expect(compared.cities.map((c) => c.city.localizedName)).toEqual(["萨格勒布", "巴塞罗那"]);
  });

  it("finds pilot cities by their Chinese name", async () => {
    const found = await caller("zh").public.cities({ search: "上海" });
    expect(found.items.map((c) => c.slug)).toEqual(["shanghai-pudong-new-area"]);
    const jiangsu = await caller("zh").public.cities({ search: "江苏" });
    expect(jiangsu.items.map((c) => c.localizedName).sort()).toEqual(["南通（江苏）", "扬州（江苏）", "淮安（江苏）"].sort());
  });

  it("keeps the stored name of a city without a translation", async () => {
    const city = await makeCity(h.db, { name: "Newtown Untranslated", country: "Utopia" });
    const zh = await caller("zh").public.city({ slug: city.slug });
    expect(zh.city).toMatchObject({ localizedName: "Newtown Untranslated", localizedCountry: "Utopia" });
  });

  it("serves ?lang=zh in the open data API's JSON and CSV, and refuses an unknown language", async () => {
    const json = await (await rest("/api/v1/cities?lang=zh&search=Barcelona")).json();
    expect(json.items[0]).toMatchObject({ name: "Barcelona", localizedName: "巴塞罗那", localizedCountry: "西班牙" });
    const english = await (await rest("/api/v1/cities?search=Barcelona")).json();
    expect(english.items[0].localizedName).toBe("Barcelona");
    const csv = await (await rest("/api/v1/cities?lang=zh&search=Barcelona&format=csv")).text();
    const [header, row] = csv.trim().split("\r\n");
    expect(header.split(",").slice(-2)).toEqual(["localized_name", "localized_country"]);
    expect(row.endsWith(",巴塞罗那,西班牙")).toBe(true);
    const bad = await rest("/api/v1/cities?lang=fr");
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors.lang).toBeDefined();
  });
});
