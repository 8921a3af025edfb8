"use client";

import { useValidationMessage } from "@/components/ui/form-field";

/** A password rule's message (from the client check or the server) in the reader's language. */
export function usePasswordMessage(): (message: string | undefined) => string | undefined {
  return useValidationMessage();
}
