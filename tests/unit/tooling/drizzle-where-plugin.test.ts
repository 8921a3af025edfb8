import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The GritQL plugin biome-plugins/drizzle-where.grit flags Drizzle `update(...).set(...)` and
 * `delete(...)` chains without `.where(...)` (they touch every row). Biome has no such rule of its
 * own, so this pins what the plugin catches and what it leaves alone.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const plugin = path.join(root, "biome-plugins/drizzle-where.grit");
const biome = path.join(root, "node_modules/.bin/biome");

const SAMPLE = `declare const db: any;
declare const tx: any;
declare const t: any;
declare const seen: Map<string, number>;
declare function createHash(a: string): any;
export async function sample(ctx: { db: any }) {
  await db.update(t).set({ a: 1 }); // BAD
  await db.update(t).set({ a: 1 }).where(1);
  await tx.update(t).set({ a: 1 }).where(1).returning();
  await tx.update(t).set({ a: 1 }).returning(); // BAD
  await db.delete(t); // BAD
  await ctx.db.delete(t).returning(); // BAD
  await db.delete(t).where(1);
  await tx.delete(t).where(1).returning({ id: 1 });
  seen.delete("x");
  createHash("sha256").update("x").digest("hex");
  await db
    .update(t)
    .set({ b: 2 }); // BAD
  await db.update(t).set({ a: 1 }).from(t).where(1);
}
`;

const dir = mkdtempSync(path.join(tmpdir(), "drizzle-where-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pluginFindings(source: string): number[] {
  writeFileSync(path.join(dir, "biome.json"), JSON.stringify({ root: true, plugins: [plugin], linter: { rules: { preset: "none" } } }));
  writeFileSync(path.join(dir, "sample.ts"), source);
  let out: string;
  try {
    out = execFileSync(biome, ["lint", "--reporter=json", "sample.ts"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    // Biome exits non-zero when it reports errors; the report is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { diagnostics: { category: string; message: string; location: { start: { line: number } } }[] };
  return report.diagnostics
    .filter((d) => d.category === "plugin" && /Drizzle (update|delete) without \.where/.test(d.message))
    .map((d) => d.location.start.line);
}

describe("biome plugin: Drizzle update/delete must have a where", () => {
  it("flags exactly the chains without .where(...)", () => {
    const expected = SAMPLE.split("\n")
      .map((line, i) => ({ line, n: i + 1 }))
      .filter(({ line }) => line.includes("// BAD"))
      .map(({ line, n }) => (line.trim().startsWith(".set") ? n - 2 : n));
    expect(pluginFindings(SAMPLE).sort((a, b) => a - b)).toEqual(expected);
  });

  it("is switched on in the project's biome.json", () => {
    const config = JSON.parse(readFileSync(path.join(root, "biome.json"), "utf8")) as { plugins?: string[] };
    expect(config.plugins).toContain("./biome-plugins/drizzle-where.grit");
  });
});
