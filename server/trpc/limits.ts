/**
 * Most calls one batched tRPC request may carry. The server answers a larger batch with 400; the
 * browser client's batch link uses the same number, so it never sends one.
 */
export const TRPC_MAX_BATCH_SIZE = 10;
