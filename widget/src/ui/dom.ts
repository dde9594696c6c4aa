// JSX straight to DOM nodes. Preact alone (4.8 kB gzip) would not leave room for the views in the 8 kB budget,
// and these views draw once per state change, so real DOM nodes built from JSX are all they need.

type Child = Node | string | number | boolean | null | undefined | Child[];
type Props = Record<string, any> | null;
const SVG = new Set(['svg', 'rect', 'path']);

export function h(tag: string | ((props: any) => Node), props: Props, ...children: Child[]): Node {
  if (typeof tag != 'string') return tag({ ...props, children });
  const el = SVG.has(tag) ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k == 'ref') v(el);
    else if (v != null && v !== false) el.setAttribute(k, v === true ? '' : v);
  }
  (el as ParentNode).append(...flat(children));
  return el;
}

export function Fragment({ children }: { children: Child[] }): Node {
  const f = document.createDocumentFragment();
  (f as ParentNode).append(...flat(children));
  return f;
}

function flat(children: Child[]): (Node | string)[] {
  return children.flat(9 as 1).filter((c) => c != null && c !== false && c !== true).map((c) => (typeof c == 'number' ? String(c) : (c as Node | string)));
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace h {
  export namespace JSX {
    export type Element = Node;
    export interface IntrinsicElements {
      [tag: string]: Record<string, any>;
    }
  }
}
