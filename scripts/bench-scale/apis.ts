// The dashboard and console APIs the scale benchmark times and explains: who calls each (manager, big or typical partner) and its path.
import { DEMO } from '../demo-data';
import { BIG_PARTNER, partnerEmail, partnerId, typicalPartner, type Sizes } from './plan';

export type Caller = 'manager' | 'big' | 'typical' | 'none';
export interface Api {
  name: string;
  caller: Caller;
  path: string;
  /** Timed to the first byte of the body (a streamed export), not to its end. */
  firstByte?: boolean;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function callers(s: Sizes): Record<Exclude<Caller, 'none'>, { email: string; partnerId?: string }> {
  return {
    manager: { email: DEMO.managerEmail },
    big: { email: DEMO.partnerEmail, partnerId: BIG_PARTNER },
    typical: { email: partnerEmail(typicalPartner(s)), partnerId: partnerId(typicalPartner(s)) },
  };
}

export function apis(s: Sizes, now: number): Api[] {
  const program = `/api/v1/programs/${DEMO.programId}`;
  const who = callers(s);
  const partnerSide = (k: 'big' | 'typical'): Api[] => {
    const p = `/api/v1/partners/${who[k].partnerId}`;
    return [
      { name: `${k} partner: summary`, caller: k, path: p },
      { name: `${k} partner: invitations`, caller: k, path: `${p}/invitations` },
      { name: `${k} partner: stats, 30 days`, caller: k, path: `${p}/stats` },
      { name: `${k} partner: stats, 365 days`, caller: k, path: `${p}/stats?from=${day(now - 364 * 86_400_000)}&to=${day(now)}` },
      // What the effectiveness table reads once a row opens: that group's days, here of the partner's largest group. The
      // fill gives no invitation an owner, so by member the group without one holds every invitation the fill made.
      { name: `${k} partner: stats, 365 days, one group's days`, caller: k, path: `${p}/stats?from=${day(now - 364 * 86_400_000)}&to=${day(now)}&by=member&nullGroup=true` },
      { name: `${k} partner: ledger`, caller: k, path: `${p}/ledger` },
      { name: `${k} partner: balance`, caller: k, path: `${p}/balance` },
      { name: `${k} partner: clients`, caller: k, path: `${p}/clients?page=1&pageSize=50` },
      // A search reads every one of the partner's customers (customer1, customer10…): the partner's worst case.
      { name: `${k} partner: clients, search`, caller: k, path: `${p}/clients?q=customer1` },
      { name: `${k} partner: referrals`, caller: k, path: `${p}/referrals` },
    ];
  };
  return [
    { name: 'baseline: GET /session', caller: 'manager', path: '/api/v1/session' },
    ...partnerSide('big'),
    ...partnerSide('typical'),
    { name: 'console: metrics, 30 days', caller: 'manager', path: `${program}/metrics` },
    { name: 'console: metrics, 365 days', caller: 'manager', path: `${program}/metrics?from=${day(now - 364 * 86_400_000)}&to=${day(now)}` },
    // A period that is no metric window (the presets end today): summed from the daily rollups.
    { name: 'console: metrics, 30 days to a month ago', caller: 'manager', path: `${program}/metrics?from=${day(now - 59 * 86_400_000)}&to=${day(now - 30 * 86_400_000)}` },
    { name: 'console: partner list', caller: 'manager', path: `${program}/partner-records` },
    { name: 'console: partner list, search', caller: 'manager', path: `${program}/partner-records?q=${encodeURIComponent(`Partner ${typicalPartner(s)}`)}` },
    ...(['name', 'number', 'status', 'salesRep', 'createdAt'] as const).map((sort) => ({ name: `console: partner list, sort ${sort}`, caller: 'manager' as const, path: `${program}/partner-records?sort=${sort}` })),
    { name: 'console: referrals', caller: 'manager', path: `${program}/referrals` },
    ...['partners', 'referrals', 'customers', 'ledger', 'withdrawals'].map((f) => ({ name: `console: export ${f}.csv (first byte)`, caller: 'manager' as const, path: `${program}/exports/${f}.csv`, firstByte: true })),
  ];
}
