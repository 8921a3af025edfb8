/**
 * The demo data as a benchmark dataset: migrates and seeds the demo data into an empty database (as
 * the app does on first start) and writes the manifest the benchmarks read, so every bench script
 * runs on the demo data exactly as on generated data (bench/README.md).
 *
 *   npx tsx bench/demo-manifest.ts --pglite .data/bench-demo
 *   createdb -h 127.0.0.1 -U postgres perf_demo
 *   npx tsx bench/demo-manifest.ts --postgres postgres://postgres@127.0.0.1:5432/perf_demo
 *
 * Hot city: Barcelona (its open assessment, its latest published one, its biggest public thread).
 * Writers: the open assessments of the two demo cities with their department members.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { type Db, migrateDatabase, openPglite, openPostgres } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities, memberships, users } from "@/db/schema/identity";
import { comments } from "@/db/schema/participation";
import { DEMO_CITY_CHINA, DEMO_CITY_EU, DEMO_PASSWORD, seedDemoDataIfEmpty } from "@/server/seed/demo";
import { databasesFromArgs, manifestPathFor } from "./lib/bench-server";

const { values: args } = parseArgs({
  options: { pglite: { type: "string", multiple: true }, postgres: { type: "string", multiple: true } },
});

async function cityInfo(db: Db, slug: string) {
  const [city] = await db.select({ id: cities.id, slug: cities.slug }).from(cities).where(eq(cities.slug, slug));
  const rows = await db
    .select({ id: assessments.id, status: assessments.status, cycle: assessments.cycle })
    .from(assessments)
    .where(eq(assessments.cityId, city.id))
    .orderBy(desc(assessments.cycle));
  const published = rows.filter((a) => a.status === "published");
  const open = rows.find((a) => a.status === "draft" || a.status === "in_review") ?? rows[0];
  const members = await db
    .select({ email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.cityId, city.id));
  const [thread] = await db
    .select({ assessmentId: comments.assessmentId, targetType: comments.targetType, targetKey: comments.targetKey, n: count() })
    .from(comments)
    .where(and(eq(comments.cityId, city.id), eq(comments.visibility, "public")))
    .groupBy(comments.assessmentId, comments.targetType, comments.targetKey)
    .orderBy(desc(count()))
    .limit(1);
  return {
    id: city.id,
    slug: city.slug,
    latestAssessmentId: open.id,
    latestStatus: open.status,
    latestPublishedAssessmentId: published[0]?.id ?? null,
    publishedAssessmentIds: published.map((a) => a.id),
    departmentEmails: members.filter((m) => m.role === "department").map((m) => m.email),
    citizenEmails: members.filter((m) => m.role === "citizen").map((m) => m.email),
    bigThread: thread && {
      assessmentId: thread.assessmentId,
      targetType: thread.targetType,
      targetKey: thread.targetKey,
      visibility: "public",
      comments: Number(thread.n),
    },
  };
}

async function main() {
  for (const database of databasesFromArgs(args.pglite, args.postgres)) {
    const handle = database.kind === "pglite" ? await openPglite(database.dataDir) : await openPostgres(database.url, { max: 2 });
    try {
      await migrateDatabase(handle);
      const db = handle.db;
      const seeded = await seedDemoDataIfEmpty(db);
      const hot = await cityInfo(db, DEMO_CITY_EU);
      const other = await cityInfo(db, DEMO_CITY_CHINA);
      await db.execute(sql`analyze`);
      const [{ total }] = (await db
        .execute(sql`select sum(n_live_tup)::bigint as total from pg_stat_user_tables`)
        .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as { total: string | number }[];
      const published = await db
        .select({ id: assessments.id })
        .from(assessments)
        .where(eq(assessments.status, "published"))
        .orderBy(desc(assessments.cycle));
      const slugs = await db.select({ slug: cities.slug }).from(cities).orderBy(cities.slug);
      const manifest = {
        generatedAt: new Date().toISOString(),
        driver: handle.driver,
        dataset: "demo",
        options: {},
        rows: { total: Number(total) },
        seconds: 0,
        password: DEMO_PASSWORD,
        accounts: { expert: "expert@demo.city", admin: "admin@demo.city" },
        hotCity: hot,
        writers: [hot, other]
          .filter((c) => c.departmentEmails.length > 0)
          .map((c) => ({
            cityId: c.id,
            slug: c.slug,
            assessmentId: c.latestAssessmentId,
            departmentEmail: c.departmentEmails[0],
            citizenEmail: c.citizenEmails[0],
          })),
        publishedAssessmentIds: published.map((a) => a.id),
        citySlugs: slugs.map((c) => c.slug),
      };
      const file = manifestPathFor(database);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
      console.log(`${seeded ? "seeded the demo data" : "demo data already there"}; manifest ${path.relative(process.cwd(), file)}`);
    } finally {
      await handle.close();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
