import { config } from "zod";

/**
 * Zod 4 probes `new Function("")` when its first object schema is built, to decide whether to
 * compile fast parsers. The CSP forbids eval, so the probe would be reported as a violation even
 * though zod catches it. Switching zod to jitless skips the probe. This module is the first import
 * of the app's client providers, which the root layout renders before any page's client code runs.
 */
config({ jitless: true });
