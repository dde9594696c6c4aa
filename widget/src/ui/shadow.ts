// Mounting a Preact view into a shadow root, so the site's styles and ours never meet; themable through CSS custom properties.
import { render, type ComponentChild } from 'preact';
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

/**
 * Renders the view into the open shadow root of a new <tag> at the end of the body; returns the root and its remover.
 * The styles go in after the first render, so that Preact never diffs the fallback <style> as one of the view's nodes.
 */
export function mount(tag: string, lang: string, view: ComponentChild): { root: ShadowRoot; remove: () => void } {
  const host = document.createElement(tag);
  host.lang = lang;
  const root = host.attachShadow({ mode: 'open' });
  render(view, root);
  adoptStyles(root);
  document.body.appendChild(host);
  return { root, remove: () => host.remove() };
}
