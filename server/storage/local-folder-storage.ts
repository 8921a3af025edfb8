import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, type StorageAdapter, type StoredObject } from "./storage-adapter";

/** Files in a local folder (the default): one file per key, written atomically via rename. */
export function localFolderStorage(rootDir: string): StorageAdapter {
  const root = path.resolve(rootDir);
  const fileFor = (key: string) => {
    assertStorageKey(key);
    return path.join(root, ...key.split("/"));
  };
  return {
    kind: "local",
    async put(key, bytes) {
      const target = fileFor(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomUUID()}.part`;
      await fs.writeFile(temp, bytes, { flag: "wx" });
      await fs.rename(temp, target);
    },
    async get(key): Promise<StoredObject | null> {
      const target = fileFor(key);
      let sizeBytes: number;
      try {
        sizeBytes = (await fs.stat(target)).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      const body = Readable.toWeb(createReadStream(target)) as ReadableStream<Uint8Array>;
      return { body, sizeBytes };
    },
    async delete(key) {
      await fs.rm(fileFor(key), { force: true });
    },
  };
}
