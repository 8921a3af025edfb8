import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type ServerErrorShape = { message?: string; data?: { fieldErrors?: Record<string, string[] | undefined> | null } | null };

/**
 * Puts the server's zod/domain field messages on the form's fields; returns the message for
 * anything not tied to a field (shown above the form).
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string | null {
  const shape = error as ServerErrorShape;
  const fieldErrors = shape?.data?.fieldErrors ?? {};
  let placed = false;
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (messages?.length && fields.includes(field)) {
      setError(field as Path<T>, { type: "server", message: messages[0] });
      placed = true;
    }
  }
  return placed && Object.keys(fieldErrors).every((f) => fields.includes(f)) ? null : (shape?.message ?? "Something went wrong.");
}
