import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { type EnvSource, envOf } from "@/env";
import { mailDirectory } from "./mail-config";
import type { OutboxRow } from "./outbox";

/** Sends one outbox row; resolves with where it went (SMTP message id or .eml path), throws on failure. */
export type MailTransport = {
  readonly description: { kind: "smtp" } | { kind: "file"; dir: string };
  send(row: Pick<OutboxRow, "id" | "toAddress" | "subject" | "textBody" | "htmlBody" | "headers" | "createdAt">): Promise<string>;
  close(): void;
};

function message(from: string, row: Parameters<MailTransport["send"]>[0]) {
  return {
    from,
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    headers: row.headers,
    // Stable across retries, so a receiving server can drop a duplicate after a lost reply.
    messageId: `<${row.id}@smart-city-assessment>`,
  };
}

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise each message is rendered by nodemailer's
 * stream transport and written as an .eml file to the mail folder (the embedded default).
 */
export function createMailTransport(source?: EnvSource): MailTransport {
  const e = envOf(source);
  const from = e.MAIL_FROM;
  if (e.SMTP_URL) {
    const smtp = nodemailer.createTransport(e.SMTP_URL, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    } as never);
    return {
      description: { kind: "smtp" },
      async send(row) {
        const info = await smtp.sendMail(message(from, row));
        return `smtp ${info.messageId}`;
      },
      close: () => smtp.close(),
    };
  }
  const dir = mailDirectory(source);
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: { kind: "file", dir },
    async send(row) {
      const info = await stream.sendMail(message(from, row));
      await mkdir(dir, { recursive: true });
      const stamp = row.createdAt.toISOString().replace(/[:.]/g, "-");
      const file = path.join(dir, `${stamp}-${row.id}.eml`);
      await writeFile(file, info.message as Buffer);
      return file;
    },
    close: () => stream.close(),
  };
}
