// QR codes of invitation links: the matrix comes from the `qrcode` library, rendered as SVG or PNG.
import QRCode from 'qrcode';

export interface QrOptions {
  margin: number; // quiet zone, in modules
  scale: number; // pixels per module (PNG)
  errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H';
}

const DEFAULTS: QrOptions = { margin: 4, scale: 8, errorCorrectionLevel: 'M' };

export async function qrSvg(text: string, opts: Partial<QrOptions> = {}): Promise<string> {
  const o = { ...DEFAULTS, ...opts };
  return QRCode.toString(text, { type: 'svg', margin: o.margin, errorCorrectionLevel: o.errorCorrectionLevel });
}

/** An 8-bit greyscale PNG, compressed with the runtime's own deflate (CompressionStream). */
export async function qrPng(text: string, opts: Partial<QrOptions> = {}): Promise<Uint8Array<ArrayBuffer>> {
  const o = { ...DEFAULTS, ...opts };
  const { modules } = QRCode.create(text, { errorCorrectionLevel: o.errorCorrectionLevel });
  const side = (modules.size + 2 * o.margin) * o.scale;
  const raw = new Uint8Array((side + 1) * side);
  for (let y = 0; y < side; y++) {
    const row = y * (side + 1);
    raw[row] = 0; // filter: none
    const my = Math.floor(y / o.scale) - o.margin;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / o.scale) - o.margin;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx);
      raw[row + 1 + x] = dark ? 0 : 255;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, side);
  v.setUint32(4, side);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, no filter, no interlace
  const idat = await deflate(raw);
  return concat([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
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
