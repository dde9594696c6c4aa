// The widget's configuration, read from data-* attributes on its own <script> tag.

export interface WidgetConfig {
  publishableKey: string;
  apiOrigin: string;
  cookieDomain: string | null;
  banner: boolean;
  lang: string;
}

export function readConfig(): WidgetConfig | null {
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-program][src*="widget.js"]');
  const key = script?.dataset.program;
  if (!script || !key) {
    console.warn('[edgeref] widget.js needs data-program="<publishable key>" on its script tag.');
    return null;
  }
  return {
    publishableKey: key,
    apiOrigin: script.dataset.api ?? new URL(script.src, location.href).origin,
    cookieDomain: script.dataset.cookieDomain ?? null,
    banner: script.dataset.banner !== 'off',
    lang: script.dataset.lang ?? document.documentElement.lang ?? 'en',
  };
}
