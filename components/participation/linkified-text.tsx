import { splitLinks } from "./linkify";

/**
 * Comment and feedback text: React text nodes only (React escapes them), with http(s) URLs as
 * links that open in a new tab and pass no ranking or opener. Never dangerouslySetInnerHTML.
 * No "use client": usable from server and client components alike.
 */
export function LinkifiedText({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className ?? "whitespace-pre-wrap break-words"}>
      {splitLinks(text).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href} rel="nofollow ugc noopener noreferrer" target="_blank" className="underline">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}
