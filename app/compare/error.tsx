"use client";

import { PublicError } from "@/components/public/public-error";

export default function CompareError({ error, reset }: { error: Error; reset: () => void }) {
  return <PublicError error={error} reset={reset} messageKey="compare.error" />;
}
