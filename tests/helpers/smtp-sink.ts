import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { rcpt: string[]; raw: string; parsed: ParsedMail };

/**
 * A real SMTP server in the test process (smtp-server) that keeps what it receives. `delayMs` holds
 * each message before answering (a slow server); `refuse` answers every message with a 550.
 */
export async function startSmtpSink(options: { delayMs?: number; refuse?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        if (options.refuse) return callback(Object.assign(new Error("550 mailbox unavailable"), { responseCode: 550 }));
        const raw = Buffer.concat(chunks).toString("utf8");
        const answer = async () => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw, parsed: await simpleParser(raw) });
          for (const wake of waiters.splice(0)) wake();
          callback();
        };
        if (options.delayMs) setTimeout(() => void answer(), options.delayMs);
        else await answer();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves once `count` messages have arrived. */
    async waitFor(count: number) {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
