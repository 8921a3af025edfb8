import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

export type Outcome = "ok" | TRPCError["code"];

/** The TRPCError a call failed with, null when it succeeded; any other error fails the test. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError | null> {
  return promise.then(
    () => null,
    (e: unknown) => {
      if (e instanceof TRPCError) return e;
      throw e;
    },
  );
}

export async function expectTrpcError(promise: Promise<unknown>, code: TRPCError["code"]): Promise<TRPCError> {
  const error = await errorOf(promise);
  expect(error?.code, `expected ${code}`).toBe(code);
  return error!;
}

/** For authorization matrices: "ok" or the error code. */
export async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  const error = await errorOf(promise);
  return error ? error.code : "ok";
}
