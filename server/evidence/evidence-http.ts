import { DomainError, HTTP_STATUS_BY_DOMAIN_CODE } from "@/server/errors/domain-error";
import { describeUnexpectedError, failureHeaders } from "@/server/errors/unexpected-error";

/**
 * JSON error bodies for the upload and download routes: the same DomainError codes and field
 * messages the tRPC procedures give, mapped to HTTP statuses. Anything else is logged with an error id
 * and answered 500 (503 + Retry-After when the database is unreachable) with that id and no detail.
 */
export function evidenceHttpError(error: unknown, where = "evidence file route"): Response {
  if (error instanceof DomainError) {
    const tooLarge = error.fieldErrors?.file?.some((m) => m.includes("larger than"));
    return Response.json(
      { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors ?? null } },
      { status: tooLarge ? 413 : HTTP_STATUS_BY_DOMAIN_CODE[error.code], headers: { "Cache-Control": "no-store" } },
    );
  }
  const failure = describeUnexpectedError(error, where);
  return Response.json(
    {
      error: {
        code: failure.status === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL",
        message: failure.message,
        errorId: failure.errorId,
        fieldErrors: null,
      },
    },
    { status: failure.status, headers: failureHeaders(failure) },
  );
}

/** Turns a request body into an async iterable of chunks (empty when there is no body). */
export async function* requestChunks(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    // Stops reading an oversized body instead of draining it.
    await reader.cancel().catch(() => {});
  }
}
