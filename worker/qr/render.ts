// QR codes of invitation links: the matrix comes from the `qrcode` library, rendered as SVG or as a PNG we encode ourselves.
import QRCode from 'qrcode';

export const ERROR_CORRECTION_LEVELS = ['L', 'M', 'Q', 'H'] as const;

export interface QrOptions {
  size?: number; // pixels per side; without it the SVG scales freely and the PNG is DEFAULT_PNG_SIZE
  margin: number; // quiet zone, in modules
  ecc: (typeof ERROR_CORRECTION_LEVELS)[number];
  dark: string; // RRGGBB
  light: string; // RRGGBB, or RRGGBBAA for a see-through background
}

export const QR_DEFAULTS: QrOptions = { margin: 4, ecc: 'M', dark: '000000', light: 'ffffff' };
export const DEFAULT_PNG_SIZE = 256;

export async function qrSvg(text: string, opts: Partial<QrOptions> = {}): Promise<string> {
  const o = { ...QR_DEFAULTS, ...opts };
  return QRCode.toString(text, {
    type: 'svg',
    margin: o.margin,
    errorCorrectionLevel: o.ecc,
    width: o.size,
    color: { dark: `#${o.dark}`, light: `#${o.light}` },
  });
}

/**
 * A two-colour palette PNG, exactly `size` pixels wide, compressed with the runtime's own deflate (CompressionStream).
 * Modules are a whole number of pixels so they stay sharp; the pixels left over widen the quiet zone.
 */
export async function qrPng(text: string, opts: Partial<QrOptions> = {}): Promise<Uint8Array<ArrayBuffer>> {
  const o = { ...QR_DEFAULTS, ...opts };
  const { modules } = QRCode.create(text, { errorCorrectionLevel: o.ecc });
  const cells = modules.size + 2 * o.margin;
  const side = Math.max(o.size ?? DEFAULT_PNG_SIZE, cells);
  const scale = Math.floor(side / cells);
  const offset = Math.floor((side - cells * scale) / 2);
  const moduleAt = (px: number) => Math.floor((px - offset) / scale) - o.margin;
  const isModule = (m: number) => m >= 0 && m < modules.size;

  // Each row is a filter byte (0: none) and one palette index per pixel: 0 light, 1 dark.
  // Pixel rows of the same module row are equal, so each is built once and copied.
  const raw = new Uint8Array((side + 1) * side);
  const line = new Uint8Array(side);
  let lineOf = Number.NaN;
  for (let y = 0; y < side; y++) {
    const my = moduleAt(y);
    if (my !== lineOf) {
      for (let x = 0; x < side; x++) {
        const mx = moduleAt(x);
        line[x] = isModule(my) && isModule(mx) && modules.get(my, mx) ? 1 : 0;
      }
      lineOf = my;
    }
    raw.set(line, y * (side + 1) + 1);
  }

  const [lr, lg, lb, la] = rgba(o.light);
  const [dr, dg, db] = rgba(o.dark);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, side);
  v.setUint32(4, side);
  ihdr.set([8, 3, 0, 0, 0], 8); // bit depth 8, palette, deflate, no filter, no interlace
  return concat([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('PLTE', Uint8Array.of(lr, lg, lb, dr, dg, db)),
    ...(la < 255 ? [chunk('tRNS', Uint8Array.of(la))] : []), // alpha of palette entry 0; the dark one stays opaque
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Scanners expect dark modules on a light ground with clear contrast (WCAG ratio, at least 3:1); inverted codes fail on many phones. */
export function scannable(dark: string, light: string): boolean {
  const [d, l] = [luminance(dark), luminance(light)];
  return d < l && (l + 0.05) / (d + 0.05) >= 3;
}

function luminance(hex: string): number {
  const [r, g, b] = rgba(hex).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** RRGGBB or RRGGBBAA as [r, g, b, a]. */
function rgba(hex: string): [number, number, number, number] {
  const n = (i: number) => (hex.length > i ? parseInt(hex.slice(i, i + 2), 16) : 255);
  return [n(0), n(2), n(4), n(6)];
}

async function deflate(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
