/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// The referral panel of a signed-in customer: their own invitation to share, whom they brought, what they earned.
import { format } from '../../../shared/money';
import type { CustomerPanel } from '../../../shared/schemas/widget';
import type { Identity, UiContext } from '../contract';
import { Fragment, h } from './dom';
import { fill, language, type Words } from './i18n';
import { draw, mount } from './shadow';

let close: (() => void) | undefined;

function Sharing({ words, text, link }: { words: Words; text: string; link: string }) {
  const nav = navigator as Navigator & { share?: (d: ShareData) => Promise<void> };
  const t = encodeURIComponent(text);
  const status = <span class="sr" aria-live="polite" />;
  // The target is read while the click is dispatched: afterwards the event answers the shadow host as its target.
  const copy = ({ target }: Event) =>
    navigator.clipboard?.writeText(link).then(() => ((target as Element).textContent = status.textContent = words.copied), () => {});
  return (
    <div class="actions">
      <button type="button" class="primary" onClick={copy} data-edgeref="copy">
        {words.copy}
      </button>
      {nav.share ? (
        <button type="button" onClick={() => nav.share!({ title: words.title, text, url: link }).catch(() => {})}>
          {words.share}
        </button>
      ) : (
        <>
          <a href={`mailto:?subject=${encodeURIComponent(words.title)}&body=${t}`} data-edgeref="share-email">{words.email}</a>
          <a href={`https://wa.me/?text=${t}`} target="_blank" rel="noopener" data-edgeref="share-whatsapp">WhatsApp</a>
          <a href={`https://x.com/intent/post?text=${t}`} target="_blank" rel="noopener" data-edgeref="share-x">X</a>
        </>
      )}
      {status}
    </div>
  );
}

function Body({ words, tag, data }: { words: Words; tag: string; data?: CustomerPanel | null }) {
  if (data === null)
    return (
      <div role="alert" data-edgeref="panel-error">
        {words.failed}
      </div>
    );
  if (!data) return <div>{words.loading}</div>;
  const friendCredit = format(data.friendCredit, tag);
  const link = data.invitation.link;
  return (
    <div>
      <p>{fill(words.intro, { credit: friendCredit })}</p>
      <div class="invite">
        <img src={data.invitation.qrSvg} alt={words.qr} width="120" height="120" />
        <div>
          <label class="label" for="edgeref-link">{words.link}</label>
          <input id="edgeref-link" class="link" readonly value={link} data-edgeref="link" />
          <p class="label">
            {words.code}: <strong data-edgeref="code">{data.invitation.code}</strong>
          </p>
        </div>
      </div>
      <Sharing words={words} link={link} text={fill(words.message, { credit: friendCredit, link })} />
      <dl class="totals">
        <div>
          <dt>{words.referred}</dt>
          <dd data-edgeref="referred">{data.referred}</dd>
        </div>
        <div>
          <dt>{words.credit}</dt>
          <dd data-edgeref="credit">{format(data.credit, tag)}</dd>
        </div>
      </dl>
    </div>
  );
}

/** Escape closes; Tab and Shift+Tab cycle within the dialog, as a modal's focus should. */
function keys(e: KeyboardEvent, root: ShadowRoot, shut: () => void): void {
  if (e.key == 'Escape') return shut();
  if (e.key != 'Tab') return;
  const focusable = [...root.querySelectorAll<HTMLElement>('button, a[href], input')];
  const edge = e.shiftKey ? focusable[0] : focusable[focusable.length - 1];
  if (root.activeElement == edge) {
    e.preventDefault();
    (e.shiftKey ? focusable[focusable.length - 1] : focusable[0]).focus();
  }
}

/** Opens the panel as a modal dialog, one at a time: focus moves in, Escape or the backdrop closes, focus goes back. */
export function panel(ctx: UiContext, identity: Identity): void {
  close?.();
  const { tag, words } = language(ctx.d?.lang || document.documentElement.lang);
  const before = document.activeElement as HTMLElement | null;
  const { root, remove } = mount('edgeref-panel', tag);
  const shut = (close = () => {
    remove();
    close = undefined;
    before?.focus?.();
  });
  let body: Node = <Body words={words} tag={tag} />;
  const dialog = (
    <div class="panel" role="dialog" aria-modal="true" aria-labelledby="edgeref-title" data-edgeref="panel">
      <div class="head">
        <h2 id="edgeref-title">{words.title}</h2>
        <button type="button" class="close" aria-label={words.close} onClick={shut}>
          ×
        </button>
      </div>
      {body}
    </div>
  );
  draw(
    root,
    <div class="backdrop" onClick={(e: Event) => e.target == e.currentTarget && shut()} onKeyDown={(e: KeyboardEvent) => keys(e, root, shut)}>
      {dialog}
    </div>,
  );
  root.querySelector<HTMLElement>('.close')!.focus();
  const show = (data: CustomerPanel | null) => {
    const next = <Body words={words} tag={tag} data={data} />;
    dialog.replaceChild(next, body);
    body = next;
  };
  ctx.call('/customer-panel?', identity).then(
    (r) => show(r.ok ? r.body : null),
    () => show(null),
  );
}
