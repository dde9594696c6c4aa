// Partners: the public id (A123456 while an affiliate, P123456 once approved) and who may act for whom.

export type PartnerStatus = 'affiliate' | 'partner' | 'rejected' | 'suspended';

export function partnerDisplayId(status: PartnerStatus, number: number): string {
  return `${status === 'affiliate' ? 'A' : 'P'}${number}`;
}

/** Only approved partners earn commission and may refer; affiliates wait for approval. */
export function canRefer(status: PartnerStatus): boolean {
  return status === 'partner';
}
