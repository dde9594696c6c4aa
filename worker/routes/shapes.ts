// Turning stored rows into the API's JSON shapes (dates as ISO strings, links absolute).
import type { LedgerEntryRow } from '../db/ledger';
import type { InvitationWithStats } from '../db/invitations';
import { invitationLink } from '../domain/links';

export const isoDate = (ms: number) => new Date(ms).toISOString();

export function ledgerEntryJson(e: LedgerEntryRow) {
  const { lotId, availableAt, ...rest } = e;
  return { ...rest, availableAt: availableAt === null ? null : isoDate(availableAt), relatesTo: lotId, createdAt: isoDate(e.createdAt) };
}

export function invitationJson(origin: string, i: InvitationWithStats) {
  const link = invitationLink(origin, i.code);
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    campaign: i.campaign,
    memberId: i.memberId,
    memberName: i.memberName,
    destinationUrl: i.destinationUrl,
    active: i.active,
    link,
    qrSvg: `${link}/qr.svg`,
    qrPng: `${link}/qr.png`,
    card: `${link}/card`,
    stats: { clicks: i.clicks, scans: i.scans, signups: i.signups },
    createdAt: isoDate(i.createdAt),
  };
}
