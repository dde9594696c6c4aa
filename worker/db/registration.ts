// Joining a program: a new partner (an affiliate until approved) with its registering account as owner, in one batch.

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
  now: number;
}

/** False when the number is taken (the caller draws another); other failures throw. */
export async function insertPartnerWithOwner(db: D1Database, p: NewPartner): Promise<boolean> {
  const statements = [
    ...(p.account.isNew
      ? [db.prepare('INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').bind(p.account.id, p.email, p.account.name, p.account.passwordHash, p.now)]
      : []),
    db
      .prepare(
        `INSERT INTO partners (id, program_id, number, name, email, company, status, terms_version, terms_accepted_at, contact_name, recruited_by_partner_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'affiliate', ?, ?, ?, ?, ?)`,
      )
      .bind(p.partnerId, p.programId, p.number, p.partnerName, p.email, p.company, p.termsVersion, p.now, p.account.name, p.recruitedBy, p.now),
    db.prepare("INSERT INTO members (id, partner_id, account_id, role, created_at) VALUES (?, ?, ?, 'owner', ?)").bind(p.memberId, p.partnerId, p.account.id, p.now),
  ];
  try {
    await db.batch(statements);
    return true;
  } catch (e) {
    if (String(e).includes('partners.number')) return false;
    throw e;
  }
}

/** The approved partner a recruiting link names (P123456 or its number), in this program. */
export async function recruiterByNumber(db: D1Database, programId: string, number: number): Promise<string | null> {
  const r = await db.prepare("SELECT id FROM partners WHERE program_id = ? AND number = ? AND status = 'partner'").bind(programId, number).first<{ id: string }>();
  return r?.id ?? null;
}
