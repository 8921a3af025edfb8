import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { localizedAlternates } from "@/app/_lib/public-page-metadata";
import { IllustrativeNotice } from "@/components/public/illustrative-notice";
import { Card } from "@/components/ui/card";
import { env } from "@/env";
import { apiRateLimitFromEnv } from "@/server/http/rate-limit";
import { OPENAPI_PATH } from "@/server/public/open-data-routes";
import { buildOpenApiDocument } from "@/server/public/openapi";

type Props = { params: Promise<{ locale: string }> };

// The same for everyone: served from Next's cache.
export const revalidate = 3600;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "public.openData" });
  return {
    title: t("title"),
    description: t("metaDescription"),
    openGraph: { title: t("title"), description: t("metaDescription") },
    alternates: localizedAlternates("/open-data", locale),
  };
}

type Operation = { operationId: string; parameters?: { name: string; in: string; required: boolean }[] };

const OPERATION_KEYS = ["listCities", "getCity", "listAssessments", "getAssessment", "getBenchmark", "getOpenApiDocument"] as const;
const PARAM_KEYS = [
  "search",
  "region",
  "level",
  "characteristic",
  "limit",
  "cursor",
  "city",
  "cycle",
  "frameworkVersion",
  "latest",
  "slug",
  "id",
  "format",
] as const;

/** The human-readable API page, generated from the same OpenAPI document the API serves. */
export default async function OpenDataPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("public.openData");
  const doc = buildOpenApiDocument();
  // The deployment's public address (the page is cached, so not the request's Host).
  const base = (env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const operations = Object.entries(doc.paths).map(([path, item]) => ({ path, operation: (item as { get: Operation }).get }));
  const examples: { key: "cities" | "assessments" | "assessment" | "benchmark" | "etag"; command: string }[] = [
    { key: "cities", command: `curl "${base}/api/v1/cities?region=EU&limit=20"` },
    { key: "assessments", command: `curl "${base}/api/v1/assessments?latest=true&format=csv" -o assessments.csv` },
    { key: "assessment", command: `curl "${base}/api/v1/assessments/<assessment-id>"` },
    { key: "benchmark", command: `curl -H "Accept: text/csv" "${base}/api/v1/benchmark?cycle=2013"` },
    { key: "etag", command: `curl -i -H 'If-None-Match: "<etag from the last response>"' "${base}/api/v1/benchmark"` },
  ];

  return (
    <div className="space-y-6">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
        <p className="mt-2 text-sm">
          <a href={OPENAPI_PATH} className="underline">
            {t("openapi")}
          </a>{" "}
          · <code className="text-xs">{OPENAPI_PATH}</code>
        </p>
      </div>

      <Card aria-labelledby="endpoints-title">
        <h2 id="endpoints-title" className="mb-4">
          {t("endpointsTitle")}
        </h2>
        <div className="space-y-6">
          {operations.map(({ path, operation }) => {
            const operationKey = (OPERATION_KEYS as readonly string[]).includes(operation.operationId)
              ? (operation.operationId as (typeof OPERATION_KEYS)[number])
              : null;
            const parameters = operation.parameters ?? [];
            return (
              <section key={path} aria-labelledby={`op-${operation.operationId}`} data-testid="api-endpoint">
                <h3 id={`op-${operation.operationId}`} className="font-mono text-sm font-semibold text-slate-900">
                  <span className="mr-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs text-brand-900">GET</span>
                  {path}
                </h3>
                {operationKey ? <p className="mt-1 text-sm text-slate-700">{t(`operations.${operationKey}`)}</p> : null}
                {parameters.length > 0 ? (
                  <div className="mt-2 overflow-x-auto">
                    <table className="w-full text-left text-sm">
                      <thead className="border-b border-slate-200 text-xs text-slate-700">
                        <tr>
                          <th scope="col" className="py-1.5 pr-3 font-semibold">
                            {t("colParameter")}
                          </th>
                          <th scope="col" className="py-1.5 pr-3 font-semibold">
                            {t("colRequired")}
                          </th>
                          <th scope="col" className="py-1.5 font-semibold">
                            {t("colMeaning")}
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {parameters.map((p) => (
                          <tr key={p.in + p.name}>
                            <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-medium text-slate-900">
                              {p.name}
                            </th>
                            <td className="py-1.5 pr-3 text-slate-700">{p.required ? t("required") : t("optional")}</td>
                            <td className="py-1.5 text-slate-700">
                              {(PARAM_KEYS as readonly string[]).includes(p.name)
                                ? t(`params.${p.name as (typeof PARAM_KEYS)[number]}`)
                                : ""}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
              </section>
            );
          })}
        </div>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        {(
          [
            ["formatsTitle", t("formatsText")],
            ["paginationTitle", t("paginationText")],
            ["cachingTitle", t("cachingText")],
            ["rateLimitTitle", t("rateLimitText", { limit: apiRateLimitFromEnv() ?? 120 })],
          ] as const
        ).map(([title, text]) => (
          <Card key={title}>
            <h2>{t(title)}</h2>
            <p className="mt-2 text-sm text-slate-700">{text}</p>
          </Card>
        ))}
      </div>

      <Card aria-labelledby="examples-title">
        <h2 id="examples-title" className="mb-4">
          {t("examplesTitle")}
        </h2>
        <ul className="space-y-4">
          {examples.map((example) => (
            <li key={example.key}>
              <p className="text-sm text-slate-700">{t(`examples.${example.key}`)}</p>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a horizontally scrolling region must be focusable to scroll it with the keyboard (axe scrollable-region-focusable) */}
              <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-50" tabIndex={0}>
                <code>{example.command}</code>
              </pre>
            </li>
          ))}
        </ul>
      </Card>

      <section aria-labelledby="licence-title" className="space-y-2">
        <h2 id="licence-title">{t("licenceTitle")}</h2>
        <IllustrativeNotice />
      </section>
    </div>
  );
}
