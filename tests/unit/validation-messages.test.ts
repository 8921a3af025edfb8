import fs from "node:fs";
import path from "node:path";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TextField } from "@/components/ui/form-field";
import { signUpFormSchema } from "@/server/accounts/account-form-schemas";
import { PASSWORD_POLICY_MESSAGES } from "@/server/accounts/password-policy-messages";
import { idSchema } from "@/server/trpc/init";
import { INVALID_TEXT_MESSAGE } from "@/server/validation/text-schemas";
import { localizeValidationMessage, withValidationLocale } from "@/server/validation/validation-locale";
import { validationKeyOf } from "@/server/validation/validation-messages";

type Messages = { [key: string]: string | Messages };
const read = (locale: string, ns: string): Messages =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), "messages", locale, `${ns}.json`), "utf8"));

function leafKeys(messages: Messages, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}
function sourceFiles(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => path.join(dir, f)),
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("validation message files", () => {
  it("have the same keys in English and Chinese, with the same placeholders, and no empty text", () => {
    const en = read("en", "validation");
    const zh = read("zh", "validation");
    expect(leafKeys(zh).sort()).toEqual(leafKeys(en).sort());
    const at = (m: Messages, key: string) =>
      key.split(".").reduce<string | Messages>((node, part) => (node as Messages)[part], m) as string;
    for (const key of leafKeys(en)) {
      expect(at(zh, key).trim(), key).not.toBe("");
      expect(placeholders(at(zh, key)), key).toEqual(placeholders(at(en, key)));
    }
  });

  it("give each English text one key (a message is found again by its text)", () => {
    const en = read("en", "validation");
    const at = (key: string) => key.split(".").reduce<string | Messages>((node, part) => (node as Messages)[part], en) as string;
    const texts = leafKeys(en).map(at);
    expect(texts.filter((text, i) => texts.indexOf(text) !== i)).toEqual([]);
  });

  it("hold every key the code asks for, in both languages", () => {
    const keys = sourceFiles(["server", "components", "app"]).flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/validationMessage\(\s*"([\w.]+)"/g)].map((m) => m[1]),
    );
    expect(keys.length).toBeGreaterThan(80);
    const has = (m: Messages, key: string) =>
      typeof key.split(".").reduce<string | Messages | undefined>((node, part) => (node as Messages | undefined)?.[part], m) === "string";
    for (const locale of ["en", "zh"]) {
      const messages = { validation: read(locale, "validation"), auth: read(locale, "auth") };
      for (const key of keys) expect(has(messages, key), `${locale}: ${key}`).toBe(true);
    }
  });

  it("translate the messages the schemas are made from", () => {
    for (const message of [
      idSchema.safeParse("x").error?.issues[0]?.message ?? "",
      INVALID_TEXT_MESSAGE,
      ...Object.values(PASSWORD_POLICY_MESSAGES),
    ]) {
      const key = validationKeyOf(message)?.key;
      expect(key, message).toBeTruthy();
      expect(localizeValidationMessage(message, "zh"), key).not.toBe(message);
    }
  });
});

describe("translating validation messages", () => {
  it("keeps English as the schemas' own text (the API's default)", () => {
    expect(idSchema.safeParse("x").error?.issues[0]?.message ?? "").toBe("Must be a valid id.");
    expect(localizeValidationMessage("Must be a valid id.", "en")).toBe("Must be a valid id.");
  });

  it("translates our messages with their parameters and leaves unknown text alone", () => {
    const tooLong =
      signUpFormSchema.safeParse({ email: "a@b.test", name: "n".repeat(121), password: "x".repeat(12) }).error?.issues[0]?.message ?? "";
    expect(tooLong).toBe("Name is too long (120 characters at most).");
    expect(localizeValidationMessage(tooLong, "zh")).toBe("姓名太长（最多 120 个字符）。");
    expect(localizeValidationMessage("Something else.", "zh")).toBe("Something else.");
  });

  it("writes zod's own messages in the locale of the surrounding scope, English outside any", () => {
    const schema = signUpFormSchema.shape.citySlug;
    const message = () => schema.safeParse("x".repeat(121)).error?.issues[0]?.message ?? "";
    expect(withValidationLocale("zh", message)).toMatch(/^数值过大/);
    expect(withValidationLocale("en", message)).toBe("Too big: expected string to have <=120 characters");
    expect(message()).toBe("Too big: expected string to have <=120 characters");
  });
});

describe("form fields", () => {
  const render = (locale: "en" | "zh", error: string) =>
    renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale,
        messages: { validation: read(locale, "validation"), auth: read(locale, "auth") },
        timeZone: "UTC",
        // biome-ignore lint/correctness/noChildrenProp: the provider's props type requires children; createElement without JSX passes them here
        children: createElement(TextField, { label: "Name", error }),
      }),
    );

  it("show our schema messages in the reader's language, and other text as it came", () => {
    expect(render("zh", "Enter your name.")).toContain("请输入你的姓名。");
    expect(render("zh", PASSWORD_POLICY_MESSAGES.tooShort)).toContain("密码至少需要 10 个字符。");
    expect(render("en", "Enter your name.")).toContain("Enter your name.");
    expect(render("zh", "请输入你的姓名。")).toContain("请输入你的姓名。");
    expect(render("zh", "Something else.")).toContain("Something else.");
  });

  it("make the browser's zod write its own messages in the page's language (and never touch the server's)", () => {
    const schema = signUpFormSchema.shape.citySlug;
    const message = () => schema.safeParse("x".repeat(121)).error?.issues[0]?.message ?? "";
    const serverHook = z.config().localeError;
    render("zh", "x");
    expect(message()).toBe("Too big: expected string to have <=120 characters");
    const browser = globalThis as { window?: unknown };
    browser.window = {};
    try {
      render("zh", "x");
      expect(message()).toMatch(/^数值过大/);
      render("en", "x");
      expect(message()).toBe("Too big: expected string to have <=120 characters");
    } finally {
      delete browser.window;
      z.config({ localeError: serverHook });
    }
  });
});
