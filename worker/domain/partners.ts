// Partners: the public id (A123456 while an affiliate, P123456 once approved), who may refer, and how a status may change.

export type PartnerStatus = 'affiliate' | 'partner' | 'rejected' | 'suspended';

/** A rejected applicant was never approved, so it keeps its A; a suspended partner was, so it keeps its P. */
export function partnerDisplayId(status: PartnerStatus, number: number): string {
  return `${status === 'affiliate' || status === 'rejected' ? 'A' : 'P'}${number}`;
}

/** Only approved partners earn commission and may refer; affiliates wait for approval. */
export function canRefer(status: PartnerStatus): boolean {
  return status === 'partner';
}

export type StatusAction = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** Which status each action leads to, from which statuses, and whether it needs a reason the partner will read. */
const TRANSITIONS: Record<StatusAction, { from: Partial<Record<PartnerStatus, PartnerStatus>>; needsReason: boolean }> = {
  approve: { from: { affiliate: 'partner' }, needsReason: false },
  reject: { from: { affiliate: 'rejected' }, needsReason: true },
  suspend: { from: { partner: 'suspended' }, needsReason: true },
  // A suspended partner comes back as a partner; a rejected applicant comes back as an applicant, to be decided again.
  reinstate: { from: { suspended: 'partner', rejected: 'affiliate' }, needsReason: false },
};

export type StatusDecision =
  | { ok: true; to: PartnerStatus }
  | { ok: false; problem: 'not_allowed' | 'reason_required' };

export function nextStatus(current: PartnerStatus, action: StatusAction, reason: string | null | undefined): StatusDecision {
  const rule = TRANSITIONS[action];
  const to = rule.from[current];
  if (!to) return { ok: false, problem: 'not_allowed' };
  if (rule.needsReason && !reason?.trim()) return { ok: false, problem: 'reason_required' };
  return { ok: true, to };
}

/** The actions a manager may take on a partner with this status, for the console's buttons. */
export function actionsFor(status: PartnerStatus): StatusAction[] {
  return (Object.keys(TRANSITIONS) as StatusAction[]).filter((a) => TRANSITIONS[a].from[status] !== undefined);
}

/** Partner numbers are random six-digit numbers, so they reveal neither order nor count. */
export function randomPartnerNumber(random: () => number = Math.random): number {
  return 100000 + Math.floor(random() * 900000);
}

/**
 * Who may move a partner's money (withdraw, pay for a client, change where payouts go and the tax facts): its owners
 * and finance members. Managers and program staff may look, not move.
 */
export function mayMoveMoney(membership: { role: 'owner' | 'manager' | 'finance' } | null): boolean {
  return membership !== null && (membership.role === 'owner' || membership.role === 'finance');
}
