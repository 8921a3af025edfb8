import autocannon from "autocannon";

/**
 * One bounded autocannon run (fixed duration, 127.0.0.1 only) with its own latency record:
 * autocannon's summary has p97.5 but not p95, so every response time is kept and the percentiles
 * are computed here.
 */

export type LoadTarget = {
  name: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
};

export type LoadResult = {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerResponse: number;
};

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export async function runLoad(
  base: string,
  target: LoadTarget,
  options: { connections: number; durationSeconds: number; warmupSeconds?: number },
): Promise<LoadResult> {
  const url = new URL(target.path, base);
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") throw new Error("benchmarks only target this machine");
  const common = {
    url: url.toString(),
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    timeout: 10,
  };
  if (options.warmupSeconds) await autocannon({ ...common, duration: options.warmupSeconds });

  const times: number[] = [];
  const instance = autocannon({ ...common, duration: options.durationSeconds });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
  });
  const result = (await instance) as autocannon.Result;
  times.sort((a, b) => a - b);
  const total = result.requests.total;
  return {
    name: target.name,
    requests: total,
    rps: total / options.durationSeconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    mean: times.length ? times.reduce((s, t) => s + t, 0) / times.length : NaN,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: total ? result.throughput.total / total : 0,
  };
}

/** A plain-text table with right-aligned numbers. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === "number" ? formatNumber(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => String(r[i]).length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map((r) => line(r.map(String)))].join("\n");
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "–";
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
