// The partner's invitations: promo code, link and QR code, with the clicks, scans and signups each brought.
import type { Invitation } from '../../../shared/schemas';
import { count } from '../display';
import { CopyLink } from './CopyLink';

export function InvitationsTable({ invitations }: { invitations: Invitation[] }) {
  if (invitations.length === 0) return <p class="muted">No invitations yet. Create the first one above.</p>;
  return (
    <div class="table-scroll" role="region" aria-label="Invitations" tabIndex={0}>
      <table class="table" data-testid="invitations">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Campaign</th>
            <th scope="col">Owner</th>
            <th scope="col">Link</th>
            <th scope="col" class="num">Clicks</th>
            <th scope="col" class="num">Scans</th>
            <th scope="col" class="num">Signups</th>
            <th scope="col">QR code</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id} data-code={i.code}>
              <th scope="row" class="code">
                {i.code}
                {!i.active && <span class="badge badge-muted">inactive</span>}
              </th>
              <td>{i.campaign ?? '—'}</td>
              <td>{i.memberName ?? '—'}</td>
              <td><CopyLink link={i.link} code={i.code} /></td>
              <td class="num" data-col="clicks">{count(i.stats.clicks)}</td>
              <td class="num" data-col="scans">{count(i.stats.scans)}</td>
              <td class="num" data-col="signups">{count(i.stats.signups)}</td>
              <td>
                <div class="qr">
                  <img src={i.qrSvg} alt={`QR code for ${i.code}`} width={56} height={56} loading="lazy" />
                  <span class="qr-downloads">
                    <a href={i.qrPng} download={`${i.code}-qr.png`} aria-label={`Download PNG QR code for ${i.code}`}>PNG</a>
                    <a href={i.qrSvg} download={`${i.code}-qr.svg`} aria-label={`Download SVG QR code for ${i.code}`}>SVG</a>
                    <a href={`${i.link}/card`} target="_blank" rel="noopener" aria-label={`Printable referral card for ${i.code} (opens in a new tab)`}>Card</a>
                  </span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
