export function localTagSignals(): { counter: number; tags: Map<string, number> };
export function signalLocalTagInvalidation(tags: readonly string[]): number;
