import { eq, or, type SQL } from "drizzle-orm";
import { evidence } from "@/db/schema/evidence";
import { can, type Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";

/**
 * Who sees which evidence, on top of the permission table: departments, leadership, experts and
 * admins see all evidence of the city (`evidence:read_all`); partners see their own and what the
 * experts accepted (`evidence:read_accepted`), never another partner's drafts; citizens see none
 * until it is published.
 */
export function canSeeEvidence(role: Role, viewerId: string, item: { authorId: string; status: string }): boolean {
  if (can(role, "evidence:read_all")) return true;
  if (!can(role, "evidence:read_accepted")) return false;
  return item.authorId === viewerId || item.status === "accepted";
}

/** The same rule as a WHERE clause; undefined means "no restriction". */
export function visibleEvidenceCondition(role: Role, viewerId: string): SQL | undefined {
  if (can(role, "evidence:read_all")) return undefined;
  if (!can(role, "evidence:read_accepted")) {
    throw new DomainError("FORBIDDEN", `Your role (${role}) may not read evidence.`);
  }
  return or(eq(evidence.authorId, viewerId), eq(evidence.status, "accepted"));
}

/** Loads one piece of evidence the viewer may see, or NOT_FOUND (never revealing that it exists). */
export function assertEvidenceVisible(role: Role, viewerId: string, item: { authorId: string; status: string }): void {
  if (!canSeeEvidence(role, viewerId, item)) throw new DomainError("NOT_FOUND", "Evidence not found.");
}

/** The author alone edits or withdraws evidence; others who may see it are told they may not. */
export function assertEvidenceAuthor(role: Role, viewerId: string, item: { authorId: string; status: string }): void {
  assertEvidenceVisible(role, viewerId, item);
  if (item.authorId !== viewerId) {
    throw new DomainError("FORBIDDEN", "Only the author can change this evidence.");
  }
}
