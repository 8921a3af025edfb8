import { fileURLToPath } from "node:url";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/**
 * No page here needs a device or sensor: deny them all, to this site and anything it might embed.
 * Only features Chromium recognises (an unknown name is logged as an error in the console).
 */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
  "xr-spatial-tracking",
  "browsing-topics",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (e.g. e2e runs) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and WASM database/crypto packages, and pdfkit (reads its font metrics from its own folder),
  // load from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "file-type", "pdfkit"],
  poweredByHeader: false,
  // No ETag on pages: Next computes it by hashing the whole HTML in JavaScript on every response,
  // even a cached one (about a third of a 200–350 kB public page's serving time, bench/README.md).
  // Cached pages change only on publication; browsers revalidate them cheaply enough without it.
  generateEtags: false,
  // `npm run typecheck` checks the whole project (tests included) once in CI; the builds (app, e2e,
  // benchmarks) skip their own second pass.
  typescript: { ignoreBuildErrors: true },
  // Cached pages and data in memory per server, invalidated by tag on every server at once
  // (server/cache/next-cache-handler.mjs; docs/production.md). Next's own memory cache is off: the
  // handler is the only copy.
  cacheHandler: fileURLToPath(new URL("./server/cache/next-cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  // Static headers for every response. The Content-Security-Policy needs a nonce per request, so it
  // is set in proxy.ts instead.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
