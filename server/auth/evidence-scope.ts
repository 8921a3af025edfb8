import { can, type Role } from "@/server/auth/permissions";
import { isPartnerCharacteristic } from "@/shared/domain-values";

/**
 * Whether a role may add evidence on a characteristic: the permission table's `evidence:submit`,
 * then the partner scope (industry partners contribute to their four characteristics only). The
 * submission itself is checked by the procedure builder and `checkEvidenceContent`; reads use this
 * to tell pages what the viewer may do.
 */
export function mayAddEvidenceTo(role: Role, characteristicKey: string): boolean {
  return can(role, "evidence:submit") && (role !== "partner" || isPartnerCharacteristic(characteristicKey));
}
