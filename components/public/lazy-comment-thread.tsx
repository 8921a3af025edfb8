"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { CommentThreadProps } from "@/components/participation/comment-thread";

const CommentThread = dynamic(() => import("@/components/participation/comment-thread").then((m) => m.CommentThread), {
  ssr: false,
  loading: () => <div aria-hidden className="h-24 w-full animate-pulse rounded-lg bg-slate-100" />,
});

/**
 * The public discussion under a published assessment (the participation slice's thread). It sits
 * at the bottom of the city page, so its code (forms, validation) loads only when the visitor
 * scrolls near it: the page itself stays light on a phone.
 */
export function LazyCommentThread(props: CommentThreadProps) {
  const anchor = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = anchor.current;
    if (!element || visible) return;
    if (typeof IntersectionObserver === "undefined") {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setVisible(true);
      },
      { rootMargin: "200px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);
  return (
    <div ref={anchor}>{visible ? <CommentThread {...props} /> : <div aria-hidden className="h-24 w-full rounded-lg bg-slate-50" />}</div>
  );
}
