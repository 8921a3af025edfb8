import type { DbOrTx } from "@/db/client";
import { describeUnexpectedError, failureHeaders } from "@/server/errors/unexpected-error";
import { type DataExport, exportPersonalData } from "./data-export";

type Deps = { getDb: () => Promise<DbOrTx>; getUserId: () => Promise<string | null> };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return escapeHtml(typeof value === "object" ? JSON.stringify(value) : String(value));
}

/** The same data as the JSON, as one self-contained page a person can read (no scripts, no styles fetched). */
export function renderExportHtml(data: DataExport): string {
  const sections = Object.entries(data.records)
    .map(([table, groups]) =>
      groups
        .map(({ column, rows }) => {
          const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
          const head = keys.map((k) => `<th scope="col">${escapeHtml(k)}</th>`).join("");
          const body = rows.map((r) => `<tr>${keys.map((k) => `<td>${cell(r[k])}</td>`).join("")}</tr>`).join("");
          return `<h2>${escapeHtml(table)} <small>(${escapeHtml(column)})</small></h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
        })
        .join(""),
    )
    .join("");
  const profile = Object.entries(data.profile)
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${cell(v)}</td></tr>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your data</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#0f172a}table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem}th,td{border:1px solid #cbd5e1;padding:.25rem .5rem;text-align:left;vertical-align:top}</style>
</head><body><h1>Your data</h1><p>Exported ${escapeHtml(data.exportedAt)}. ${escapeHtml(data.signInHistory)}</p>
<p>Audit events you caused: ${data.auditEventsAsActor}.</p><h2>Profile</h2><table>${profile}</table>${sections}</body></html>`;
}

/** GET: the signed-in person's data as an attachment, `?format=html` for the readable page. */
export async function serveDataExport(request: Request, deps: Deps): Promise<Response> {
  const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  try {
    const userId = await deps.getUserId();
    if (!userId) return Response.json({ error: "Sign in to download your data." }, { status: 401, headers });
    const data = await exportPersonalData(await deps.getDb(), userId);
    const day = data.exportedAt.slice(0, 10);
    if (new URL(request.url).searchParams.get("format") === "html") {
      return new Response(renderExportHtml(data), {
        headers: {
          ...headers,
          "Content-Type": "text/html; charset=utf-8",
          "Content-Disposition": `attachment; filename="my-data-${day}.html"`,
          "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        },
      });
    }
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="my-data-${day}.json"`,
      },
    });
  } catch (error) {
    const failure = describeUnexpectedError(error, "data export");
    return Response.json(
      { error: failure.message, errorId: failure.errorId },
      { status: failure.status, headers: failureHeaders(failure) },
    );
  }
}
