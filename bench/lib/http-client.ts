/**
 * What the benchmarks need to talk to the app as a browser would: a next-auth session cookie from
 * the credentials flow, and tRPC URLs/bodies in the superjson envelope (batching off).
 */

/** Signs in through next-auth's credentials flow; returns the `Cookie` header value. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf: ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: base }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in as ${email} failed (${res.status}): no session cookie`);
  return session;
}

export function trpcQueryPath(procedure: string, input: unknown): string {
  return `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

export function trpcMutationBody(input: unknown): string {
  return JSON.stringify({ json: input });
}

/** The `json` payload of a tRPC response, or the error. */
export async function trpcResult<T>(res: Response): Promise<{ ok: true; data: T } | { ok: false; status: number; error: unknown }> {
  const body = (await res.json().catch(() => null)) as { result?: { data?: { json?: T } }; error?: unknown } | null;
  if (res.ok && body?.result?.data) return { ok: true, data: body.result.data.json as T };
  return { ok: false, status: res.status, error: body?.error ?? body };
}

/** GET once: status and body size, to check an endpoint before loading it. */
export async function probe(base: string, path: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(base + path, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, bytes: body.length, ms: performance.now() - started, body: body.toString("utf8") };
}
