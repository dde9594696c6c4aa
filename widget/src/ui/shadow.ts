// Mounting into a shadow root, so the site's styles and ours never meet; themable through CSS custom properties.
import css from './styles.css?inline';

/** Constructed stylesheets are not inline styles, so a strict style-src CSP does not block them. */
function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
}

/** A new <tag> at the end of the body, with an open shadow root to draw into; returns the root and its remover. */
export function mount(tag: string, lang: string): { root: ShadowRoot; remove: () => void } {
  const host = document.createElement(tag);
  host.lang = lang;
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);
  document.body.appendChild(host);
  return { root, remove: () => host.remove() };
}

/** Draws a view into the root, replacing what was there (the stylesheet is adopted, not a child). */
export function draw(root: ShadowRoot, view: Node): void {
  for (const child of [...root.childNodes]) if (child.nodeName != 'STYLE') child.remove();
  root.appendChild(view);
}
