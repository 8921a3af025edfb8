import { randomUUID } from "node:crypto";

/**
 * The one place an unexpected error is logged. The full detail (SQL, parameters, stack) goes to the
 * server log under an error id; the client only ever sees a generic message and that id, so an
 * operator can find the log line from a user's screenshot.
 */
export function reportUnexpectedError(error: unknown, where: string): { errorId: string } {
  const errorId = randomUUID();
  console.error(`[error ${errorId}] ${where}`, error);
  return { errorId };
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again; if it keeps happening, quote the error id.";
export const UNAVAILABLE_ERROR_MESSAGE = "The service is temporarily unavailable. Please try again in a few seconds.";
