import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localeNumber, optionalLocaleNumber, parseLocaleNumber, setNumberLocaleSource } from "@/server/validation/locale-number";
import { withValidationLocale } from "@/server/validation/validation-locale";

describe("parseLocaleNumber", () => {
  it.each([
    ["1250", 1250],
    ["1,250", 1250],
    ["1,250.5", 1250.5],
    ["12,345,678", 12_345_678],
    ["1 250", 1250],
    ["1 250,5", 1250.5],
    ["1\u00A0250,75", 1250.75],
    ["1.250.000", 1_250_000],
    ["1.250,5", 1250.5],
    ["3,14", 3.14],
    ["0,5", 0.5],
    ["1,2500", 1.25],
    [".5", 0.5],
    ["-3.5", -3.5],
    ["+7", 7],
    ["１２５０", 1250],
    ["１，２５０．５", 1250.5],
    ["－３", -3],
    ["1\u3000250", 1250],
    ["1'250", 1250],
    ["1_000", 1000],
  ])("reads %j as %d", (input, expected) => {
    expect(parseLocaleNumber(input, "en")).toBe(expected);
    expect(parseLocaleNumber(input, "zh")).toBe(expected);
  });

  it.each(["lots", "-", "", "1,2,3", "1,25,0", "1.2.3", "1,250.5.3", "12a", "1e3", "0x10", "Infinity", "1,250,5.0,1", ","])(
    "refuses %j",
    (input) => {
      expect(parseLocaleNumber(input, "en")).toBeNaN();
    },
  );
});

describe("localeNumber schemas", () => {
  const schema = z.object({ value: localeNumber("missing", "not a number"), target: optionalLocaleNumber("target not a number") });

  it("parses form strings in the request's notation and passes API numbers through", () => {
    expect(schema.parse({ value: "1,250", target: "1 250,5" })).toEqual({ value: 1250, target: 1250.5 });
    expect(schema.parse({ value: 87.5 })).toEqual({ value: 87.5, target: undefined });
    expect(withValidationLocale("zh", () => schema.parse({ value: "２，５００", target: "" }))).toEqual({ value: 2500, target: undefined });
  });

  it("says missing for an empty value and not a number for garbage", () => {
    const result = schema.safeParse({ value: "", target: "x" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["value", "missing"],
      ["target", "target not a number"],
    ]);
    expect(schema.safeParse({ value: "1,2,3" }).error!.issues[0].message).toBe("not a number");
  });

  it("reads the locale from the source the server registers", () => {
    const seen: string[] = [];
    const previous = setNumberLocaleSource(() => {
      seen.push("asked");
      return "zh";
    });
    try {
      expect(schema.parse({ value: "1,250" }).value).toBe(1250);
      expect(seen).toEqual(["asked"]);
    } finally {
      setNumberLocaleSource(previous);
    }
  });
});
