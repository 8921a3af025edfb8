"use client";

import { PublicError } from "@/components/public/public-error";

export default function CityError({ error, reset }: { error: Error; reset: () => void }) {
  return <PublicError error={error} reset={reset} messageKey="city.error" />;
}
