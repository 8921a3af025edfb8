// Imports run one way: app → components → server → db. Reads the import graph of the source folders
// with a regex over import/export-from specifiers (static and dynamic), resolving "@/" and relative paths.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "components", "server", "db", "i18n"];
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs"];

type Edge = { from: string; to: string };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** Repository-relative path for a local specifier, the package name otherwise. */
function resolveSpecifier(fromFile: string, specifier: string): string {
  let target: string;
  if (specifier.startsWith("@/")) target = specifier.slice(2);
  else if (specifier.startsWith(".")) target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  else return specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
  for (const candidate of [target, ...EXTENSIONS.map((e) => target + e), ...EXTENSIONS.map((e) => `${target}/index${e}`)]) {
    if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return target;
}

const edges: Edge[] = SOURCE_DIRS.flatMap((dir) =>
  sourceFiles(dir).flatMap((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    return [...text.matchAll(SPECIFIER)].map((m) => ({ from: file, to: resolveSpecifier(file, m[1] ?? m[2] ?? m[3]) }));
  }),
);

function importsFrom(fromPrefix: string, isForbidden: (to: string) => boolean): string[] {
  return edges.filter((e) => e.from.startsWith(fromPrefix) && isForbidden(e.to)).map((e) => `${e.from} -> ${e.to}`);
}

const under =
  (...prefixes: string[]) =>
  (to: string) =>
    prefixes.some((p) => to === p || to.startsWith(`${p}/`));

/** server/<folder> of a file, or null for files directly in server/ or outside it. */
function serverFolder(file: string): string | null {
  const parts = file.split("/");
  return parts[0] === "server" && parts.length > 2 ? parts[1] : null;
}

/** Every elementary cycle's shortest witness between server folders, as "a -> b -> a" (with one file edge per step). */
function serverFolderCycles(): { key: string; path: string }[] {
  const graph = new Map<string, Map<string, string>>();
  for (const e of edges) {
    const a = serverFolder(e.from);
    const b = serverFolder(e.to);
    if (!a || !b || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, `${e.from} -> ${e.to}`);
  }
  const found = new Map<string, string>();
  for (const start of graph.keys()) {
    // Breadth-first from each neighbour back to start: the shortest cycle through start.
    const previous = new Map<string, string>([[start, ""]]);
    const queue = [start];
    while (queue.length) {
      const node = queue.shift()!;
      for (const next of graph.get(node)?.keys() ?? []) {
        if (next === start) {
          const cycle = [start];
          for (let n = node; n !== start; n = previous.get(n)!) cycle.splice(1, 0, n);
          const key = [...cycle].sort().join("<->");
          if (!found.has(key)) {
            const steps = cycle.map((f, i) => graph.get(f)!.get(cycle[(i + 1) % cycle.length])!);
            found.set(key, `${[...cycle, start].join(" -> ")}\n    ${steps.join("\n    ")}`);
          }
          continue;
        }
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
  }
  return [...found].map(([key, p]) => ({ key, path: p }));
}

describe("import boundaries", () => {
  it("reads a graph that is not empty (the regex still matches)", () => {
    expect(edges.some((e) => e.from.startsWith("server/") && e.to.startsWith("db/"))).toBe(true);
    expect(edges.some((e) => e.from.startsWith("app/") && e.to.startsWith("components/"))).toBe(true);
  });

  it("db/ imports nothing from server/, app/ or components/", () => {
    expect(importsFrom("db/", under("server", "app", "components"))).toEqual([]);
  });

  it("server/ imports nothing from app/ or components/", () => {
    expect(importsFrom("server/", under("app", "components"))).toEqual([]);
  });

  it("server/scoring is pure: nothing from db/, next, @trpc or react", () => {
    expect(importsFrom("server/scoring/", (to) => under("db", "next", "@trpc", "react", "react-dom")(to))).toEqual([]);
  });

  it("server/trpc/ imports neither the REST module (server/public) nor a domain's error mapping (server/workflow)", () => {
    expect(importsFrom("server/trpc/", under("server/public", "server/workflow"))).toEqual([]);
  });

  it("server/ folders import each other without cycles", () => {
    expect(
      serverFolderCycles().map((c) => c.path),
      "folder cycles in server/ (break them: move the shared piece one layer down)",
    ).toEqual([]);
  });
});
