/**
 * Splits plain text into text runs and http(s) links, for auto-linking comments. Pure and free of
 * React so it can be tested alone. Nothing but an absolute http:// or https:// URL ever becomes a
 * link: `javascript:`, `data:` and every other scheme stay text, and the caller renders all parts
 * as React text nodes (never as HTML).
 */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// Stops at whitespace and at characters that cannot appear unescaped in a URL we would link.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/gi;
const SENTENCE_PUNCTUATION = ".,;:!?'\"»";

/** Drops sentence punctuation after a URL, but keeps a closing bracket that the URL opened. */
function trimUrl(candidate: string): string {
  let url = candidate;
  while (url.length) {
    const last = url[url.length - 1];
    if (last === ")" || last === "]") {
      // "(see https://en.wikipedia.org/wiki/Bus_(disambiguation))": the inner ")" belongs to the URL.
      if (count(url, last === ")" ? "(" : "[") >= count(url, last)) break;
      url = url.slice(0, -1);
    } else if (SENTENCE_PUNCTUATION.includes(last)) {
      url = url.slice(0, -1);
    } else {
      break;
    }
  }
  return url;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** The URL as a safe href, or null if it does not parse as http(s). */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const push = (part: TextPart) => {
    const previous = parts[parts.length - 1];
    if (part.kind === "text" && previous?.kind === "text") previous.text += part.text;
    else if (part.kind === "link" || part.text) parts.push(part);
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    push({ kind: "text", text: text.slice(last, start) });
    if (href) push({ kind: "link", text: url, href });
    else push({ kind: "text", text: url });
    last = start + url.length;
  }
  push({ kind: "text", text: text.slice(last) });
  return parts;
}
