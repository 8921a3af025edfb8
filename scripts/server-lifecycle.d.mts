import type { Server } from "node:http";

export function installGracefulShutdown(
  server: Server,
  options?: {
    timeoutMs?: number;
    close?: () => Promise<void>;
    exit?: (code: number) => void;
    log?: Pick<Console, "info" | "error">;
  },
): { shutdown: (signal: string) => Promise<void> };

export function closeAppDatabaseIfOpen(): Promise<void>;
