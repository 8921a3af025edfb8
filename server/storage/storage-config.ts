import path from "node:path";
import { type EnvSource, envOf } from "@/env";
import { localFolderStorage } from "./local-folder-storage";
import { s3Storage } from "./s3-storage";
import type { StorageAdapter } from "./storage-adapter";

export const DEFAULT_UPLOAD_MAX_BYTES = 25 * 1024 * 1024;

/** UPLOAD_MAX_BYTES, default 25 MB. */
export function uploadMaxBytes(source?: EnvSource): number {
  return envOf(source).UPLOAD_MAX_BYTES ?? DEFAULT_UPLOAD_MAX_BYTES;
}

/** S3 when S3_BUCKET is set, otherwise the folder STORAGE_DIR (default `.storage/`). */
export function storageFromEnv(source?: EnvSource): StorageAdapter {
  const env = envOf(source);
  if (env.S3_BUCKET) {
    return s3Storage({
      bucket: env.S3_BUCKET,
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      prefix: env.S3_PREFIX,
    });
  }
  return localFolderStorage(env.STORAGE_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".storage"));
}

const globalForStorage = globalThis as typeof globalThis & { __evidenceStorage?: StorageAdapter };

/** The process-wide adapter for the running app (tests pass their own). */
export function getStorage(): StorageAdapter {
  globalForStorage.__evidenceStorage ??= storageFromEnv();
  return globalForStorage.__evidenceStorage;
}
