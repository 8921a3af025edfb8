/**
 * Public pages with filters (`/en/benchmark?region=EU`) are served from Next's cache like the
 * plain ones: the proxy rewrites the query into a path segment (`/en/benchmark/filtered/<q>`),
 * because Next caches a page per path and never per query string. Only the parameters the page
 * reads are kept, in a fixed order, so equal filters share one cache entry and unknown parameters
 * (tracking tags, cache busters) cannot create new ones. The visitor's address does not change.
 */

/** Which query parameters each filterable public page reads (the path after the locale). */
const PAGE_PARAMETERS: Record<string, readonly string[]> = {
  "/cities": ["search", "region", "level", "characteristic", "cursor"],
  "/benchmark": ["cycle", "region"],
  "/compare": ["city"],
};

/** Longest canonical query kept; a longer one is no filter a page offers (the page shows it invalid). */
const MAX_QUERY_LENGTH = 1_000;

export const FILTERED_SEGMENT = "filtered";

/** The canonical query of a filterable page (only its parameters, in a fixed order), or null. */
export function canonicalPageQuery(pagePath: string, search: URLSearchParams): string | null {
  const names = PAGE_PARAMETERS[pagePath];
  if (!names) return null;
  const kept = new URLSearchParams();
  for (const name of names) for (const value of search.getAll(name)) if (value !== "") kept.append(name, value);
  const text = kept.toString();
  return text === "" ? null : text.slice(0, MAX_QUERY_LENGTH);
}

/** The internal path a localized filterable page with a query is rewritten to, or null (serve as is). */
export function filteredPagePath(pathname: string, search: URLSearchParams): string | null {
  const match = /^\/(en|zh)(\/[a-z-]+)\/?$/.exec(pathname);
  if (!match) return null;
  const [, locale, pagePath] = match;
  const query = canonicalPageQuery(pagePath, search);
  if (query === null) return null;
  return `/${locale}${pagePath}/${FILTERED_SEGMENT}/${Buffer.from(query).toString("base64url")}`;
}

/** The query a filtered page was rewritten from (its path segment), as the page's search params. */
export function queryOfSegment(segment: string): Record<string, string[]> {
  const search = new URLSearchParams(Buffer.from(segment, "base64url").toString("utf8"));
  const params: Record<string, string[]> = {};
  for (const [name, value] of search) params[name] = [...(params[name] ?? []), value];
  return params;
}
