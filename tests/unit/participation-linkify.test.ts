import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeHref, splitLinks } from "@/components/participation/linkify";

describe("splitLinks", () => {
  it("turns an http(s) URL inside text into a link and keeps the rest as text", () => {
    expect(splitLinks("See https://example.org/plan?x=1 for details")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.org/plan?x=1", href: "https://example.org/plan?x=1" },
      { kind: "text", text: " for details" },
    ]);
  });

  it("leaves sentence punctuation after a URL outside the link", () => {
    expect(splitLinks("Read http://city.example/budget.")).toEqual([
      { kind: "text", text: "Read " },
      { kind: "link", text: "http://city.example/budget", href: "http://city.example/budget" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps a parenthesis that belongs to the URL and drops one that closes the sentence", () => {
    const parts = splitLinks("(see https://en.wikipedia.org/wiki/Bus_(disambiguation))");
    expect(parts[1]).toEqual({
      kind: "link",
      text: "https://en.wikipedia.org/wiki/Bus_(disambiguation)",
      href: "https://en.wikipedia.org/wiki/Bus_(disambiguation)",
    });
    expect(parts[2]).toEqual({ kind: "text", text: ")" });
  });

  it("never links javascript:, data:, vbscript: or protocol-relative URLs", () => {
    for (const text of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(document.cookie)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "vbscript:msgbox(1)",
      "//evil.example/x",
      '<a href="javascript:alert(1)">click</a>',
    ]) {
      expect(
        splitLinks(text).every((p) => p.kind === "text"),
        text,
      ).toBe(true);
    }
  });

  it("stops a URL at quotes and angle brackets, so markup around it stays text", () => {
    const parts = splitLinks(`<a href="https://ok.example/x" onclick="alert(1)">x</a>`);
    const links = parts.filter((p) => p.kind === "link");
    expect(links).toEqual([{ kind: "link", text: "https://ok.example/x", href: "https://ok.example/x" }]);
    expect(parts.map((p) => p.text).join("")).toBe(`<a href="https://ok.example/x" onclick="alert(1)">x</a>`);
  });

  it("gives back exactly the original text, for any input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.webUrl(), fc.string({ maxLength: 50 }), (before, url, after) => {
        const text = `${before} ${url} ${after}`;
        expect(
          splitLinks(text)
            .map((p) => p.text)
            .join(""),
        ).toBe(text);
      }),
    );
  });

  it("only ever produces http and https hrefs", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const part of splitLinks(text)) if (part.kind === "link") expect(part.href).toMatch(/^https?:\/\//);
      }),
    );
  });
});

describe("safeHref", () => {
  it("accepts http(s) with a host and refuses everything else", () => {
    expect(safeHref("https://example.org")).toBe("https://example.org/");
    expect(safeHref("http://")).toBeNull();
    expect(safeHref("ftp://example.org")).toBeNull();
    expect(safeHref("javascript:alert(1)")).toBeNull();
  });
});
