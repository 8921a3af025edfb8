/**
 * Every environment variable the app reads, in one place, typed and validated with zod. Documented
 * in docs/operations.md (Environment). Server-only: there is no NEXT_PUBLIC_ variable.
 *
 * `env.X` reads process.env *on each access* (settings such as RATE_LIMIT_DISABLED or POST_RATE_LIMIT
 * are changed at run time by tests, and process.env may be replaced wholesale), parses that one
 * variable and throws an error naming it when the value is invalid. `validateEnv()` checks them all
 * at start-up (instrumentation.ts) so a bad setting stops the server before the first request.
 * Nothing is required: every variable has a default or is optional, so `next build` needs none.
 *
 * (`@t3-oss/env-nextjs` parses once when the module loads and hands out that snapshot, which is why
 * it is not used: see the lazy reads above. An empty string counts as unset, as it does there.)
 */
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"], { error: 'expected "1", "true", "0" or "false"' })
  .transform((v) => v === "1" || v === "true");
const positiveInt = z.coerce
  .number({ error: "expected a whole number" })
  .int("expected a whole number")
  .positive("expected a number above 0");
const nonNegativeInt = z.coerce.number({ error: "expected a whole number" }).int("expected a whole number").min(0, "expected 0 or more");
const seconds = z.coerce.number({ error: "expected a number of seconds" }).min(0, "expected 0 or more seconds");
const text = z.string().min(1);
/** On only for exactly "1" (anything else, "true" included, is off): for switches that must not turn on by accident. */
const onlyOne = z
  .string()
  .optional()
  .transform((v) => v === "1");

const schema = {
  // Database
  DATABASE_URL: text.optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_CONNECT_TIMEOUT: seconds.default(3),
  DATABASE_STATEMENT_TIMEOUT: seconds.default(5),
  /** Default: DATABASE_STATEMENT_TIMEOUT + 2 (0 when that is 0); see db/client.ts. */
  DATABASE_RESPONSE_TIMEOUT: seconds.optional(),
  DATABASE_IDLE_TIMEOUT: seconds.default(30),
  DATABASE_STARTUP_LOCK_TIMEOUT: seconds.default(120),
  PGLITE_DATA_DIR: text.optional(),
  /** Default: on for PGlite, off for PostgreSQL (db/app-db.ts). */
  SEED_DEMO: flag.optional(),
  // Sessions and URLs
  NEXTAUTH_SECRET: text.optional(),
  NEXTAUTH_URL: z.url({ error: "expected an absolute URL such as https://assess.example.org" }).optional(),
  PORT: positiveInt.default(3000),
  APP_TIME_ZONE: z.string().trim().optional(),
  TRUSTED_PROXY_HOPS: nonNegativeInt.optional(),
  /** Former name of TRUSTED_PROXY_HOPS, still read. */
  API_TRUSTED_PROXY_HOPS: nonNegativeInt.optional(),
  // Audit checkpoints
  /** Ed25519 private key (PKCS#8 PEM, or its DER in base64) that signs audit checkpoints; see server/audit/checkpoint-signing.ts. */
  AUDIT_SIGNING_KEY: z
    .string()
    .trim()
    .refine(
      (v) =>
        /^-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----$/.test(v.replace(/\\n/g, "\n")) ||
        /^[A-Za-z0-9+/]{40,}={0,2}$/.test(v),
      {
        error: "expected an Ed25519 private key: PKCS#8 PEM (-----BEGIN PRIVATE KEY-----) or its DER in base64",
      },
    )
    .optional(),
  // Single sign-on (server/accounts/oidc-sign-in.ts, docs/operations.md "Single sign-on (OIDC)"): all three or none.
  /** The OpenID Connect issuer URL; its /.well-known/openid-configuration is read at sign-in. */
  OIDC_ISSUER: z.url({ error: "expected the provider's issuer URL such as https://login.city.example/realms/staff" }).optional(),
  OIDC_CLIENT_ID: text.optional(),
  OIDC_CLIENT_SECRET: text.optional(),
  /** The button's label: "Sign in with <OIDC_NAME>" (default: "your city account"). */
  OIDC_NAME: z.string().trim().max(60, "expected at most 60 characters").optional(),
  // Limits
  RATE_LIMIT_DISABLED: flag.default(false),
  API_RATE_LIMIT: positiveInt.default(120),
  SEARCH_RATE_LIMIT: positiveInt.default(60),
  POST_RATE_LIMIT: positiveInt.default(10),
  POST_RATE_WINDOW_MINUTES: positiveInt.default(10),
  FLAG_HIDE_THRESHOLD: positiveInt.default(3),
  COMMENT_EDIT_WINDOW_MINUTES: positiveInt.default(15),
  // Evidence files
  UPLOAD_MAX_BYTES: positiveInt.optional(),
  STORAGE_DIR: text.optional(),
  S3_BUCKET: text.optional(),
  S3_ENDPOINT: z.url({ error: "expected a URL such as http://minio:9000" }).optional(),
  S3_REGION: text.default("us-east-1"),
  S3_ACCESS_KEY_ID: text.optional(),
  S3_SECRET_ACCESS_KEY: text.optional(),
  S3_FORCE_PATH_STYLE: flag.default(false),
  S3_PREFIX: text.optional(),
  // E-mail (server/mail, docs/operations.md "E-mail")
  /** smtp:// or smtps:// URL of the mail server; unset: mail is written as .eml files to MAIL_DIR. */
  SMTP_URL: z
    .url({ error: "expected a URL such as smtps://user:pass@smtp.example.org:465" })
    .refine((v) => /^smtps?:\/\//.test(v), { error: "expected an smtp:// or smtps:// URL" })
    .optional(),
  MAIL_FROM: text.default("Smart City Assessment <no-reply@localhost>"),
  /** Default: the folder "mail" beside the embedded database's folder (.data/mail). */
  MAIL_DIR: text.optional(),
  MAIL_MAX_ATTEMPTS: positiveInt.default(5),
  MAIL_RETRY_BASE_SECONDS: seconds.default(30),
  MAIL_POLL_MS: positiveInt.default(2000),
  MAIL_WORKER_DISABLED: flag.default(false),
  // Benchmarks and escape hatches
  BENCH_ROUTES: onlyOne,
  FROZEN_CACHE_DISABLED: onlyOne,
};

export type EnvName = keyof typeof schema;
export type Env = { readonly [K in EnvName]: z.output<(typeof schema)[K]> };
export type EnvSource = Record<string, string | undefined>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment variable${problems.length > 1 ? "s" : ""}: ${problems.join("; ")}`);
    this.name = "InvalidEnvironmentError";
  }
}

function isEnvName(name: string | symbol): name is EnvName {
  return typeof name === "string" && Object.hasOwn(schema, name);
}

function parseOne<K extends EnvName>(name: K, source: EnvSource): { value?: Env[K]; problem?: string } {
  const raw = source[name];
  const result = schema[name].safeParse(raw === "" ? undefined : raw);
  if (result.success) return { value: result.data as Env[K] };
  return { problem: `${name}=${JSON.stringify(raw)}: ${result.error.issues[0]?.message ?? "invalid"}` };
}

/** A typed view of `source()`, parsed per variable on each read; an invalid value throws naming it. */
function lazyEnv(source: () => EnvSource): Env {
  return new Proxy({} as Env, {
    get(_, name) {
      if (!isEnvName(name)) return undefined;
      const { value, problem } = parseOne(name, source());
      if (problem) throw new InvalidEnvironmentError([problem]);
      return value;
    },
    has: (_, name) => isEnvName(name),
    ownKeys: () => Object.keys(schema),
    getOwnPropertyDescriptor: (_, name) => (isEnvName(name) ? { enumerable: true, configurable: true } : undefined),
  });
}

/** The app's settings, read from process.env when accessed. */
export const env: Env = lazyEnv(() => process.env);

/** The same view over other values (tests, tools): `storageFromEnv(envFrom({ STORAGE_DIR: "/tmp/x" }))`. */
export function envFrom(values: EnvSource): Env {
  return lazyEnv(() => values);
}

/** Checks every variable at once; throws one error naming each invalid one. */
export function validateEnv(source: EnvSource = process.env): void {
  const problems = (Object.keys(schema) as EnvName[]).flatMap((name) => parseOne(name, source).problem ?? []);
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
}

/** `env`, or the view over `source` when one is given: for functions tests call with their own values. */
export function envOf(source?: EnvSource): Env {
  return source ? envFrom(source) : env;
}
