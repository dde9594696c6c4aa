// The click a signup or greeting names: its row, or, when the row never reached D1, what its signed id vouches for.
import { requiredSecret, type Env } from '../env';
import { namedClick, type ClickFact, type ClickIdReading } from '../domain/attribution';
import { readClickId } from '../security/click-ids';
import { getClick, insertClickFromId } from '../db/clicks';
import { invitationIdByClickRef } from '../db/invitations';

export interface NamedClick {
  click: ClickFact | null;
  /** Set when the click is known only from its signed id: its row is still to be written. */
  missingRow: { source: 'link' | 'qr' } | null;
}

export async function findClick(env: Env, programId: string, clickId: string): Promise<NamedClick> {
  const [row, check] = await Promise.all([getClick(env.DB, programId, clickId), readClickId(requiredSecret(env, 'CLICK_ID_SECRET'), clickId)]);
  // The invitation is looked up only when no row answers for the click, the rare case.
  const reading: ClickIdReading =
    check.kind === 'signed'
      ? { kind: 'signed', at: check.claim.at, invitationId: row ? null : await invitationIdByClickRef(env.DB, programId, check.claim.invitationRef) }
      : check;
  const click = namedClick(clickId, row, reading);
  return { click, missingRow: click && !row && check.kind === 'signed' ? { source: check.claim.source } : null };
}

/** Writes the row of a click known only from its id, once, before a signup points at it. */
export async function recordMissingClick(db: D1Database, programId: string, named: NamedClick): Promise<void> {
  if (!named.click || !named.missingRow) return;
  await insertClickFromId(db, { id: named.click.id, programId, invitationId: named.click.invitationId, source: named.missingRow.source, createdAt: named.click.createdAt });
}
