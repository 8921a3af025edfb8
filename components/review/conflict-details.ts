/** The newer value the server sends with a version CONFLICT (see DomainError details). */
export function conflictCurrent<T>(error: unknown): T | null | undefined {
  const shape = (error as { shape?: { data?: { code?: string; details?: { current?: T | null } } } }).shape;
  if (shape?.data?.code !== "CONFLICT") return undefined;
  return shape.data.details?.current ?? null;
}
