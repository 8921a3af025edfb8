import { z } from "zod";
import { CACHE_CONTROL, openDataErrorSchema } from "./open-data-http";
import { type AnyOpenDataRoute, OPENAPI_PATH, openDataRoutes } from "./open-data-routes";
import { ILLUSTRATIVE_NOTE } from "./public-schemas";

type JsonSchema = Record<string, unknown>;

/** zod → JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), without the $schema marker. */
function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject<z.ZodRawShape> | null, location: "path" | "query") {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    const isList = Array.isArray(propertySchema.anyOf);
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: propertySchema,
      ...(isList ? { style: "form", explode: true } : {}),
    };
  });
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function operationOf(route: AnyOpenDataRoute) {
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: ["open data"],
    parameters: [
      ...parametersOf(route.pathParams, "path"),
      ...parametersOf(route.query, "query"),
      {
        name: "format",
        in: "query",
        required: false,
        description: "json (default) or csv; `Accept: text/csv` also selects CSV.",
        schema: { type: "string", enum: ["json", "csv"] },
      },
      {
        name: "lang",
        in: "query",
        required: false,
        description:
          "en (default) or zh: `localizedName` and `localizedCountry` of each city in that language (the pilot cities' official Chinese names).",
        schema: { type: "string", enum: ["en", "zh"] },
      },
    ],
    responses: {
      "200": {
        description: "OK. Cacheable for 60 s; send the ETag back in If-None-Match to get 304 when unchanged.",
        headers: {
          ETag: { schema: { type: "string" } },
          "Cache-Control": { schema: { type: "string", example: CACHE_CONTROL } },
          "X-RateLimit-Limit": { schema: { type: "integer" } },
          "X-RateLimit-Remaining": { schema: { type: "integer" } },
        },
        content: {
          "application/json": { schema: { $ref: `#/components/schemas/${route.responseName}` } },
          "text/csv": { schema: { type: "string" } },
        },
      },
      "304": { description: "Not modified (If-None-Match matched the ETag)." },
      "400": errorResponse("Invalid parameter: `fieldErrors` says which and why."),
      ...(route.pathParams ? { "404": errorResponse("Not found, or not published.") } : {}),
      "429": {
        ...errorResponse("Too many requests from this address: wait `retryAfterSeconds`."),
        headers: { "Retry-After": { schema: { type: "integer" } } },
      },
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the schemas the handlers validate with. */
export function buildOpenApiDocument() {
  const routes = Object.values(openDataRoutes) as AnyOpenDataRoute[];
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, JsonSchema> = { Error: jsonSchemaOf(openDataErrorSchema, "output") };
  for (const route of routes) {
    paths[route.path] = { get: operationOf(route) };
    schemas[route.responseName] = jsonSchemaOf(route.response, "output");
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      tags: ["open data"],
      responses: {
        "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } },
      },
    },
  };
  paths["/api/v1/assessments/{id}/report"] = { get: assessmentReportOperation() };
  return {
    openapi: "3.1.0",
    info: {
      title: "Smart City Assessment: open data API",
      version: "1.0.0",
      description: [
        "Read-only, no sign-in. Only published assessments are served. Levels are computed by the scoring core from the criteria judged and the expert ratings; every assessment names its framework edition.",
        "JSON by default, CSV with ?format=csv or Accept: text/csv. Lists use cursor pagination (pass nextCursor as cursor).",
        "Anonymous clients are rate-limited per IP address (default 120 requests per minute; 429 with Retry-After).",
        ILLUSTRATIVE_NOTE,
      ].join("\n\n"),
      license: { name: "Open data" },
    },
    servers: [{ url: "/" }],
    paths,
    components: { schemas },
  };
}

/** The assessment report (PDF, server/report/report-http.ts): binary, so outside the JSON/CSV routes. */
function assessmentReportOperation() {
  // Same path parameter, limits and errors as the assessment it reports on.
  const { parameters, responses } = operationOf(openDataRoutes.getAssessment);
  return {
    operationId: "getAssessmentReport",
    summary: "Assessment report (PDF)",
    description:
      "A published assessment as a PDF for council meetings: cover, maturity profile (radar and staircase), each characteristic's level and how it was set, criteria met and not met, accepted evidence, balance warnings, roadmap, progress against earlier cycles, citizen consultation figures, approvals and the audit chain status with its head hash. English or Chinese (embedded Noto Sans SC). 404 unless published.",
    tags: ["open data"],
    parameters: [
      ...parameters.filter((p) => p.in === "path"),
      {
        name: "lang",
        in: "query",
        required: false,
        description: "en (default) or zh: the report's language.",
        schema: { type: "string", enum: ["en", "zh"] },
      },
    ],
    responses: {
      ...responses,
      "200": {
        description: "The PDF (an attachment). Cacheable for 60 s; send the ETag back in If-None-Match to get 304 when unchanged.",
        headers: responses["200"].headers,
        content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
      },
    },
  };
}
