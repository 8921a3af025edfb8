import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UnavailableNotice } from "@/components/errors/unavailable-notice";
import en from "@/messages/en/unavailable.json";
import zh from "@/messages/zh/unavailable.json";

describe("the page error notice", () => {
  it("says the page is temporarily unavailable, offers a retry and shows the digest, in each language", () => {
    for (const [locale, messages] of [
      ["en", en],
      ["zh", zh],
    ] as const) {
      const html = renderToStaticMarkup(createElement(UnavailableNotice, { locale, digest: "1234567", onRetry: () => {} }));
      expect(html).toContain(messages.title);
      expect(html).toContain(messages.retry);
      expect(html).toContain("1234567");
    }
  });

  it("has the same keys in English and Chinese", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
});
