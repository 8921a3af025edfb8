import type { Sql } from "postgres";

export type TagInvalidation = { tag: string; epoch: number };
export type InvalidationSource = {
  readSince: (epoch: number) => Promise<TagInvalidation[]>;
  invalidate: (tags: string[]) => Promise<void>;
  close?: () => Promise<void>;
};
export type CacheGetResult = { value: unknown; lastModified: number; cacheControl?: unknown } | null;

export function postgresInvalidationSource(sql: Sql): InvalidationSource;
export function postgresClientFor(url: string): Sql;

export class TagInvalidatingCacheStore {
  constructor(options?: { source?: InvalidationSource | null; maxBytes?: number; now?: () => number });
  stats: { hits: number; misses: number; invalidated: number; syncQueries: number; syncFailures: number };
  knownEpoch: number;
  sync(): Promise<void>;
  get(key: string, ctx: unknown, revalidatedTags?: readonly string[]): Promise<CacheGetResult>;
  set(key: string, data: unknown, ctx: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  close(): Promise<void>;
}

export default class SharedTagCacheHandler {
  constructor(ctx?: { revalidatedTags?: string[] });
  get(key: string, ctx: unknown): Promise<CacheGetResult>;
  set(key: string, data: unknown, ctx: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
