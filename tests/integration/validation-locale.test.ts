import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { handleTrpcRequest } from "@/server/api/http-handler";
import { localeOf } from "@/server/trpc/context";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

type ErrorBody = { error: { json: { message: string; data: { fieldErrors: Record<string, string[]> } } } };

/** A sign-up with a bad value in every field, through the HTTP handler with the request's own headers. */
async function badSignUp(headers: Record<string, string>) {
  const req = new Request("http://localhost/api/trpc/accounts.signUp", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: { email: "not-an-email", name: "", password: "short", citySlug: "x".repeat(121) } }),
  });
  const res = await handleTrpcRequest(req, async () => ({
    db: h.db,
    userId: null,
    clientIp: "203.0.113.9",
    locale: localeOf(req.headers),
  }));
  expect(res.status).toBe(400);
  return ((await res.json()) as ErrorBody).error.json;
}

describe("validation messages follow the request's language", () => {
  it("answers a Chinese reader (locale cookie) in Chinese: our messages and zod's own", async () => {
    const error = await badSignUp({ cookie: "theme=dark; NEXT_LOCALE=zh" });
    expect(error.data.fieldErrors).toEqual({
      email: ["请输入有效的电子邮件地址。"],
      name: ["请输入你的姓名。"],
      password: ["密码至少需要 10 个字符。"],
      citySlug: [expect.stringMatching(/^数值过大：.*120/)],
    });
    expect(error.message).toContain("name: 请输入你的姓名。");
    expect(error.message).not.toMatch(/Enter|Password|Too big/);
  });

  it("answers Accept-Language zh in Chinese when there is no cookie, and the cookie wins over the header", async () => {
    expect((await badSignUp({ "accept-language": "zh-CN,zh;q=0.9" })).data.fieldErrors.name).toEqual(["请输入你的姓名。"]);
    expect((await badSignUp({ "accept-language": "zh-CN", cookie: "NEXT_LOCALE=en" })).data.fieldErrors.name).toEqual(["Enter your name."]);
  });

  it("answers everyone else in English, exactly as before", async () => {
    const error = await badSignUp({});
    expect(error.data.fieldErrors).toEqual({
      email: ["Enter a valid email address."],
      name: ["Enter your name."],
      password: ["Password must be at least 10 characters."],
      citySlug: ["Too big: expected string to have <=120 characters"],
    });
  });
});
