// In-process signal of cache tag invalidations, shared through globalThis: the Next cache handler
// (loaded by Next with Node's own import, outside the webpack bundle) and the write paths (bundled)
// are separate module instances in one process, and globalThis is what they have in common.
// Plain JavaScript: it runs under bare Node (see next-cache-handler.mjs).

const SIGNALS_KEY = Symbol.for("smart-city-assessment.cache-tag-signals");

/**
 * The process's invalidation counter and, per tag, the counter value of its last invalidation.
 * @returns {{ counter: number, tags: Map<string, number> }}
 */
export function localTagSignals() {
  /** @type {Record<symbol, { counter: number, tags: Map<string, number> } | undefined>} */
  const store = /** @type {never} */ (globalThis);
  store[SIGNALS_KEY] ??= { counter: 0, tags: new Map() };
  return store[SIGNALS_KEY];
}

/**
 * Marks `tags` invalidated now, in this process. Returns the new counter value.
 * @param {readonly string[]} tags
 * @returns {number}
 */
export function signalLocalTagInvalidation(tags) {
  const signals = localTagSignals();
  signals.counter += 1;
  for (const tag of tags) signals.tags.set(tag, signals.counter);
  return signals.counter;
}
