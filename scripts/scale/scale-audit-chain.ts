import { hashAuditRow } from "@/server/audit/audit-trail";
import type { CellValue } from "./bulk-insert";

type PendingEvent = {
  at: number;
  order: number;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
};

/** Events of one chain, collected out of order and hashed in time order when the chain is closed. */
export class AuditChain {
  private events: PendingEvent[] = [];
  constructor(
    readonly chainKey: string,
    readonly cityId: string | null,
    readonly assessmentId: string | null,
  ) {}
  get size(): number {
    return this.events.length;
  }
  add(
    at: number,
    actor: { id: string; role: string } | null,
    action: string,
    entityType: string,
    entityId: string | null,
    before: unknown = null,
    after: unknown = null,
    reason: string | null = null,
  ) {
    this.events.push({
      at,
      order: this.events.length,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action,
      entityType,
      entityId,
      before,
      after,
      reason,
    });
  }
  /** Keeps the first `limit` events in time order (the budget is smaller than the writes generated). */
  truncate(limit: number) {
    if (this.events.length <= limit) return;
    this.events.sort(byTime);
    this.events.length = limit;
  }
  /** Appends the hashed rows; returns the next free id. */
  flush(out: CellValue[][], firstId: number, prevHash: string | null): { nextId: number; lastHash: string | null } {
    this.events.sort(byTime);
    let id = firstId;
    let previous = prevHash;
    for (const e of this.events) {
      const fields = {
        chainKey: this.chainKey,
        cityId: this.cityId,
        assessmentId: this.assessmentId,
        actorId: e.actorId,
        actorRole: e.actorRole,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: e.before,
        after: e.after,
        reason: e.reason,
        createdAt: new Date(e.at),
        prevHash: previous,
      };
      const hash = hashAuditRow(fields);
      out.push([
        id,
        fields.chainKey,
        fields.cityId,
        fields.assessmentId,
        fields.actorId,
        fields.actorRole,
        fields.action,
        fields.entityType,
        fields.entityId,
        fields.before as CellValue,
        fields.after as CellValue,
        fields.reason,
        fields.createdAt,
        previous,
        hash,
      ]);
      previous = hash;
      id++;
    }
    this.events = [];
    return { nextId: id, lastHash: previous };
  }
}

function byTime(a: PendingEvent, b: PendingEvent): number {
  return a.at - b.at || a.order - b.order;
}
