/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// The referral panel of a signed-in customer: their own invitation to share, whom they brought, what they earned.
import { Component, Fragment, h } from 'preact';
import { format } from '../../../shared/money';
import type { CustomerPanel } from '../../../shared/schemas/widget';
import type { Identity, UiContext } from '../contract';
import { fill, language, type Words } from './i18n';
import { mount } from './shadow';

let close: (() => void) | undefined;

interface SharingProps {
  words: Words;
  text: string;
  link: string;
}

/**
 * Copy, share, and the live region that says "Copied". A class component: its one piece of state does not need
 * preact/hooks, which would cost 0.8 kB gzip in a chunk with an 8 kB budget.
 */
class Sharing extends Component<SharingProps, { copied?: boolean }> {
  render({ words, text, link }: SharingProps, { copied }: Sharing['state']) {
    const nav = navigator as Navigator & { share?: (d: ShareData) => Promise<void> };
    const t = encodeURIComponent(text);
    const copy = () => navigator.clipboard?.writeText(link).then(() => this.setState({ copied: true }), () => {});
    return (
      <div class="actions">
        <button type="button" class="primary" onClick={copy} data-edgeref="copy">
          {copied ? words.copied : words.copy}
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
        <span class="sr" aria-live="polite">
          {copied && words.copied}
        </span>
      </div>
    );
  }
}

/** The dialog's body: loading, then the customer's panel or why it could not load. A plain function: it keeps no state. */
function body(words: Words, tag: string, data?: CustomerPanel | null) {
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
function keys(e: KeyboardEvent, shut: () => void): void {
  if (e.key == 'Escape') return shut();
  if (e.key != 'Tab') return;
  const root = (e.currentTarget as Node).getRootNode() as ShadowRoot;
  const focusable = [...root.querySelectorAll<HTMLElement>('button, a[href], input')];
  const edge = e.shiftKey ? focusable[0] : focusable[focusable.length - 1];
  if (root.activeElement == edge) {
    e.preventDefault();
    (e.shiftKey ? focusable[focusable.length - 1] : focusable[0]).focus();
  }
}

interface PanelProps {
  ctx: UiContext;
  identity: Identity;
  words: Words;
  tag: string;
  shut: () => void;
}

/** The dialog. It fetches the customer's panel once it is on the page, and shows it or why it could not load. */
class Panel extends Component<PanelProps, { data?: CustomerPanel | null }> {
  componentDidMount() {
    const { ctx, identity } = this.props;
    ctx.call('/customer-panel?', identity).then(
      (r) => this.setState({ data: r.ok ? r.body : null }),
      () => this.setState({ data: null }),
    );
  }

  render({ words, tag, shut }: PanelProps, { data }: Panel['state']) {
    return (
      <div class="backdrop" onClick={(e) => e.target == e.currentTarget && shut()} onKeyDown={(e) => keys(e, shut)}>
        <div class="panel" role="dialog" aria-modal="true" aria-labelledby="edgeref-title" data-edgeref="panel">
          <div class="head">
            <h2 id="edgeref-title">{words.title}</h2>
            <button type="button" class="close" aria-label={words.close} onClick={shut}>
              ×
            </button>
          </div>
          {body(words, tag, data)}
        </div>
      </div>
    );
  }
}

/** Opens the panel as a modal dialog, one at a time: focus moves in, Escape or the backdrop closes, focus goes back. */
export function panel(ctx: UiContext, identity: Identity): void {
  close?.();
  const { tag, words } = language(ctx.d?.lang || document.documentElement.lang);
  const before = document.activeElement as HTMLElement | null;
  const shut = (close = () => {
    remove();
    close = undefined;
    before?.focus?.();
  });
  const { root, remove } = mount('edgeref-panel', tag, <Panel ctx={ctx} identity={identity} words={words} tag={tag} shut={shut} />);
  root.querySelector<HTMLElement>('.close')!.focus();
}
