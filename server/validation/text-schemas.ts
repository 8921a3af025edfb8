import { z } from "zod";
import { validationMessage } from "./validation-messages";

// Shared by the routers, the REST routes and the client forms: no server-only imports here.

export const INVALID_TEXT_MESSAGE = validationMessage("validation.invalidText");

/**
 * True for text PostgreSQL can store and compare: no NUL byte (PostgreSQL text cannot hold one;
 * the query fails) and no lone UTF-16 surrogate (not valid Unicode; it cannot be encoded as UTF-8).
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/**
 * The one string schema for user input: every procedure input, REST query and path parameter that
 * takes text starts from this instead of `z.string()`, so bad characters are a 400 at the edge
 * rather than a 500 from the database.
 */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, { message: INVALID_TEXT_MESSAGE, abort: true });
}

/** An email address, with the same character rule. */
export function emailText(params?: Parameters<typeof z.email>[0]) {
  return z.email(params).refine(isStorableText, { message: INVALID_TEXT_MESSAGE, abort: true });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For ids taken from a path or query outside a zod schema: the same rule as `z.uuid()`'s shape. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
