// Joining a program: a new partner (an affiliate until approved) with its registering account as owner, in one batch.
import type { Language } from '../../shared/email-templates';
import { partnerApplied } from '../domain/events';
import { eventsStatement } from './events';

export interface NewPartner {
  partnerId: string;
  programId: string;
  number: number;
  partnerName: string;
  company: string | null;
  email: string;
  termsVersion: number;
  recruitedBy: string | null;
  memberId: string;
  account: { id: string; name: string; passwordHash: string; isNew: boolean };
  /** A new account's language. */
  language: Language;
  now: number;
}

/**
 * 'number_taken' when the partner number is taken (the caller draws another); 'email_taken' when a new account's
 * email got an account meanwhile (a concurrent registration or invite created it: the caller joins that account
 * instead). Nothing is written in either case; other failures throw.
 */
export async function insertPartnerWithOwner(db: D1Database, p: NewPartner): Promise<'inserted' | 'number_taken' | 'email_taken'> {
  // The partner and its owner only once the account is there: this one's, or the existing one it joins with.
  const accountThere = { sql: 'SELECT 1 FROM accounts WHERE id = ?', args: [p.account.id] };
  const statements = [
    ...(p.account.isNew
      ? [db.prepare('INSERT INTO accounts (id, email, name, password_hash, language, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING').bind(p.account.id, p.email, p.account.name, p.account.passwordHash, p.language, p.now)]
      : []),
    db
      .prepare(
        `INSERT INTO partners (id, program_id, number, name, email, company, status, terms_version, terms_accepted_at, contact_name, recruited_by_partner_id, created_at)
         SELECT ?, ?, ?, ?, ?, ?, 'affiliate', ?, ?, ?, ?, ? WHERE EXISTS (${accountThere.sql})`,
      )
      .bind(p.partnerId, p.programId, p.number, p.partnerName, p.email, p.company, p.termsVersion, p.now, p.account.name, p.recruitedBy, p.now, ...accountThere.args),
    db
      .prepare(`INSERT INTO members (id, partner_id, account_id, role, created_at) SELECT ?, ?, ?, 'owner', ? WHERE EXISTS (${accountThere.sql})`)
      .bind(p.memberId, p.partnerId, p.account.id, p.now, ...accountThere.args),
    eventsStatement(db, p.programId, [partnerApplied({ partnerId: p.partnerId, number: p.number, recruitedBy: p.recruitedBy })], p.now, { sql: 'SELECT 1 FROM partners WHERE id = ?', args: [p.partnerId] }),
    // The terms accepted by registering, in the history of acceptances, by the registering account.
    db
      .prepare('INSERT INTO terms_acceptances (partner_id, version, program_id, account_id, accepted_at) SELECT id, ?, program_id, ?, ? FROM partners WHERE id = ?')
      .bind(p.termsVersion, p.account.id, p.now, p.partnerId),
  ];
  const partnerInsert = p.account.isNew ? 1 : 0;
  try {
    const results = await db.batch(statements);
    // D1 counts the rows triggers wrote too (the partner's search text, migration 0037): any change means inserted.
    return (results[partnerInsert].meta.changes ?? 0) > 0 ? 'inserted' : 'email_taken';
  } catch (e) {
    if (String(e).includes('partners.number')) return 'number_taken';
    throw e;
  }
}

/** The approved partner a recruiting link names (P123456 or its number), in this program. */
export async function recruiterByNumber(db: D1Database, programId: string, number: number): Promise<string | null> {
  const r = await db.prepare("SELECT id FROM partners WHERE program_id = ? AND number = ? AND status = 'partner'").bind(programId, number).first<{ id: string }>();
  return r?.id ?? null;
}
