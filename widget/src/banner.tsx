// The invited-visitor banner: Preact, in a shadow root so the site's styles and ours never meet.
import { render } from 'preact';
import { format } from '../../shared/money';
import type { Greeting } from '../../shared/schemas';
import css from './styles.css?inline';

interface Props {
  greeting: Greeting;
  lang: string;
  onDismiss: () => void;
}

function Banner({ greeting, lang, onDismiss }: Props) {
  return (
    <div class="banner" role="region" aria-label="Invitation" data-edgeref="banner">
      <svg class="gift" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <rect x="3" y="8" width="18" height="4" rx="1" />
        <path d="M12 8v13M19 12v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7M7.5 8a2.5 2.5 0 0 1 0-5C10 3 12 8 12 8s2-5 4.5-5a2.5 2.5 0 0 1 0 5" />
      </svg>
      <p class="text">
        <strong>{greeting.partnerName}</strong> invited you. Sign up and get <strong>{format(greeting.credit, lang)}</strong> credit.
      </p>
      <button type="button" class="close" aria-label="Dismiss invitation" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** Constructed stylesheets are not inline styles, so a strict style-src CSP does not block them. */
function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    (root as unknown as Node).appendChild(style);
  }
}

export function showBanner(greeting: Greeting, lang: string, onDismiss: () => void): () => void {
  const host = document.createElement('edgeref-banner');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);
  const remove = () => {
    render(null, root as unknown as Element);
    host.remove();
  };
  render(<Banner greeting={greeting} lang={lang} onDismiss={() => { remove(); onDismiss(); }} />, root as unknown as Element);
  document.body.appendChild(host);
  return remove;
}
