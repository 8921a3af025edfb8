import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";

/**
 * Numbers typed the way people write them: "1,250", "1 250,5", "１２５０", "－3.5". No server-only
 * imports: the forms (react-hook-form's zod resolver) and the procedures parse with the same schema.
 *
 * Each locale says how it groups digits and marks decimals. English and Chinese both write
 * "1,250.5"; a comma followed by exactly three digits is therefore a thousands separator for them,
 * while a comma followed by one, two or four or more digits can only be a decimal comma ("1 250,5",
 * "3,14"), which is accepted too because people paste figures from European documents. Spaces (also
 * no-break, thin and ideographic), apostrophes and underscores always group digits.
 */

type NumberConvention = { decimal: "." | ","; group: "," | "." };
const CONVENTIONS: Record<Locale, NumberConvention> = {
  en: { decimal: ".", group: "," },
  zh: { decimal: ".", group: "," },
};

/** Full-width digits and signs (Chinese input methods) to ASCII. */
function toAscii(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF0C\u3001]/g, ",")
    .replace(/[\uFF0E\u3002]/g, ".")
    .replace(/[\uFF0D\u2212\u2012\u2013]/g, "-")
    .replace(/\uFF0B/g, "+");
}

const GROUPED = (sep: string) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);

/** The number `input` denotes in `locale`, or NaN when it is not a number (never a guess). */
export function parseLocaleNumber(input: string, locale: Locale = DEFAULT_LOCALE): number {
  const convention = CONVENTIONS[locale] ?? CONVENTIONS[DEFAULT_LOCALE];
  let s = toAscii(input.trim()).replace(/[\s\u00A0\u2009\u202F\u3000'_]/g, "");
  let sign = "";
  if (/^[+-]/.test(s)) {
    sign = s[0] === "-" ? "-" : "";
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return Number.NaN;
  const commas = s.split(",").length - 1;
  const dots = s.split(".").length - 1;
  let integer: string;
  let fraction = "";
  if (commas > 0 && dots > 0) {
    // Both: the later one marks the decimals, the other groups digits.
    const decimal = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
    const group = decimal === "," ? "." : ",";
    [integer, fraction] = s.split(decimal);
    if (s.split(decimal).length !== 2 || !GROUPED(group).test(integer)) return Number.NaN;
    integer = integer.replaceAll(group, "");
  } else if (commas + dots === 0) {
    integer = s;
  } else {
    const mark = commas > 0 ? "," : ".";
    const parts = s.split(mark);
    const groupsDigits = mark === convention.group;
    if (parts.length > 2) {
      // Several: only a digit group separator can repeat.
      if (!GROUPED(mark).test(s)) return Number.NaN;
      integer = parts.join("");
    } else if (groupsDigits && /^\d{1,3}$/.test(parts[0]) && /^\d{3}$/.test(parts[1])) {
      integer = parts.join("");
    } else {
      [integer, fraction] = parts;
    }
  }
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction) || (integer === "" && fraction === "")) return Number.NaN;
  return Number(`${sign}${integer || "0"}${fraction ? `.${fraction}` : ""}`);
}

let numberLocaleSource: () => Locale = () => DEFAULT_LOCALE;

/** The server sets this to the request's locale (validation-locale.ts); the browser may set the page's. Returns the previous source. */
export function setNumberLocaleSource(source: () => Locale): () => Locale {
  const previous = numberLocaleSource;
  numberLocaleSource = source;
  return previous;
}

/** Form inputs arrive as strings (parsed per locale); the API sends numbers. Empty means "not given". */
function toOptionalLocaleNumber(value: unknown): unknown {
  if (value === "" || value === null || value === undefined) return undefined;
  if (typeof value === "number" && Number.isNaN(value)) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : parseLocaleNumber(value, numberLocaleSource());
  return value;
}

/** A required number in the reader's notation; `missing` when empty, `notANumber` otherwise. */
export function localeNumber(missing: string, notANumber: string) {
  return z.preprocess(toOptionalLocaleNumber, z.number({ error: (issue) => (issue.input === undefined ? missing : notANumber) }));
}

/** An optional number in the reader's notation. */
export function optionalLocaleNumber(notANumber: string) {
  return z.preprocess(toOptionalLocaleNumber, z.number({ error: notANumber }).optional());
}
