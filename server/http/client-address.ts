/**
 * Who is asking: the client address that rate limits and sign-in throttling count against.
 * Configuration: TRUSTED_PROXY_HOPS (default 0) = how many reverse proxies in front of the app
 * append to X-Forwarded-For and may be believed.
 */

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For: TRUSTED_PROXY_HOPS,
 * default 0 (API_TRUSTED_PROXY_HOPS, its former name, is still read).
 */
import { type EnvSource, envOf } from "@/env";
export function trustedProxyHopsFromEnv(source?: EnvSource): number {
  const e = envOf(source);
  return e.TRUSTED_PROXY_HOPS ?? e.API_TRUSTED_PROXY_HOPS ?? 0;
}

/**
 * The client's address, for limits and sign-in throttling. X-Forwarded-For is a list each hop
 * appends to, and a client may write anything into it, so only entries added by trusted hops
 * count: with the socket capture installed (instrumentation.ts), the right-most entry is always
 * the TCP peer, so 0 trusted hops means the socket address and a client-sent header changes
 * nothing; with `hops` proxies, the entry `hops` places left of it is what the outermost proxy
 * saw. (Without the capture, e.g. a custom server, Next fills the header with the socket address
 * only when the client sent none.)
 */
export function clientAddressOf(headers: Headers, hops = trustedProxyHopsFromEnv()): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  return entries[Math.max(0, entries.length - 1 - hops)];
}

const globalForCapture = globalThis as typeof globalThis & { __socketAddressCapture?: boolean };

/**
 * Makes the socket address the last X-Forwarded-For entry of every request this process's HTTP
 * servers receive, before Next reads the request. Next's own server only fills the header when the
 * client sent none (`x-forwarded-for ??= socket.remoteAddress`), so without this a client-sent
 * header would stand in for the address. Called once from instrumentation.ts (Node runtime).
 */
export async function installSocketAddressCapture(): Promise<void> {
  if (globalForCapture.__socketAddressCapture) return;
  globalForCapture.__socketAddressCapture = true;
  const http = await import("node:http");
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") appendSocketAddress(args[0] as import("node:http").IncomingMessage);
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

export function appendSocketAddress(req: import("node:http").IncomingMessage): void {
  const socketAddress = req.socket?.remoteAddress;
  if (!socketAddress) return;
  const sent = req.headers["x-forwarded-for"];
  const list = (Array.isArray(sent) ? sent.join(",") : (sent ?? "")).trim();
  req.headers["x-forwarded-for"] = list ? `${list}, ${socketAddress}` : socketAddress;
}
