// Referral records (B2B leads): stages, types, and which changes a partner's edit makes for the audit trail.

export const STAGES = ['new', 'in_progress', 'won', 'lost', 'junk'] as const;
export type Stage = (typeof STAGES)[number];
export const REFERRAL_TYPES = ['partner_to_program', 'program_to_partner'] as const;
export type ReferralType = (typeof REFERRAL_TYPES)[number];

/** The columns a list may be sorted by, and the SQL expression each stands for (never user text in SQL). */
export const SORTS = {
  customerName: 'r.customer_name COLLATE NOCASE',
  partner: 'p.name COLLATE NOCASE',
  dueAt: 'r.due_at',
  stage: "CASE r.stage WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'won' THEN 2 WHEN 'lost' THEN 3 ELSE 4 END",
  type: 'r.type',
  value: 'r.value_minor',
  owner: 'o.name COLLATE NOCASE',
  registeredAt: 'r.registered_at',
  updatedAt: 'r.updated_at',
} as const;
export type ReferralSort = keyof typeof SORTS;

export interface EditableFields {
  stage: Stage;
  notes: string | null;
  valueMinor: number | null;
  /** The sales representative who owns it (an account id). */
  ownerId: string | null;
  /** A won deal's contract date (YYYY-MM-DD). */
  contractDate: string | null;
}

export interface FieldChange {
  field: 'stage' | 'notes' | 'value' | 'owner' | 'contract_date';
  oldValue: string | null;
  newValue: string | null;
}

const text = (v: string | number | null) => (v === null ? null : String(v));

/** One audit entry per field that actually changes; an edit that changes nothing leaves no trace. */
export function referralChanges(before: EditableFields, patch: Partial<EditableFields>): FieldChange[] {
  const changes: FieldChange[] = [];
  if (patch.stage !== undefined && patch.stage !== before.stage) changes.push({ field: 'stage', oldValue: before.stage, newValue: patch.stage });
  if (patch.notes !== undefined && (patch.notes ?? null) !== before.notes) changes.push({ field: 'notes', oldValue: before.notes, newValue: patch.notes ?? null });
  if (patch.valueMinor !== undefined && patch.valueMinor !== before.valueMinor) {
    changes.push({ field: 'value', oldValue: text(before.valueMinor), newValue: text(patch.valueMinor) });
  }
  if (patch.ownerId !== undefined && patch.ownerId !== before.ownerId) changes.push({ field: 'owner', oldValue: before.ownerId, newValue: patch.ownerId });
  if (patch.contractDate !== undefined && patch.contractDate !== before.contractDate) {
    changes.push({ field: 'contract_date', oldValue: before.contractDate, newValue: patch.contractDate });
  }
  return changes;
}
