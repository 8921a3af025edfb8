import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EvidenceAuthorName } from "@/components/evidence/evidence-author-name";
import en from "@/messages/en/evidence.json";
import zh from "@/messages/zh/evidence.json";

function render(locale: "en" | "zh", name: string | null) {
  const messages = { evidence: locale === "en" ? en : zh };
  const children = createElement(EvidenceAuthorName, { name });
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages, timeZone: "UTC", children }));
}

describe("who evidence is shown as written by", () => {
  it("names the author, or the department an erased author's evidence was attributed to", () => {
    expect(render("en", "Ana Author")).toBe("Ana Author");
    expect(render("zh", "Urban Mobility")).toBe("Urban Mobility");
  });

  it("says the city department, in each language, when the erased author had no department", () => {
    expect(render("en", null)).toBe("City department");
    expect(render("zh", null)).toBe("城市部门");
  });
});
