import { env } from 'cloudflare:test';
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, call, DEMO, seedDemo } from './helpers';

beforeAll(seedDemo);

const SCAN_LINK = `${BASE}/r/DEMO?src=qr`;

/** Decodes the PNGs our encoder writes (8-bit palette, filter 0 on every row) into RGBA, and reads its palette. */
async function decodePng(res: Response) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const v = new DataView(bytes.buffer);
  const chunks = new Map<string, Uint8Array>();
  const idat: Uint8Array[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = v.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') idat.push(data);
    else chunks.set(type, data);
    at += 12 + length;
  }
  const ihdr = new DataView(chunks.get('IHDR')!.buffer, chunks.get('IHDR')!.byteOffset);
  const [width, height, colourType] = [ihdr.getUint32(0), ihdr.getUint32(4), ihdr.getUint8(9)];
  const inflated = new Blob(idat as BlobPart[]).stream().pipeThrough(new DecompressionStream('deflate'));
  const raw = new Uint8Array(await new Response(inflated).arrayBuffer());
  const plte = chunks.get('PLTE')!;
  const trns = chunks.get('tRNS') ?? new Uint8Array(0);
  const palette = [0, 1].map((i) => [...plte.subarray(i * 3, i * 3 + 3)].map((b) => b.toString(16).padStart(2, '0')).join(''));
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = raw[y * (width + 1) + 1 + x];
      rgba.set([...plte.subarray(i * 3, i * 3 + 3), trns[i] ?? 255], (y * width + x) * 4);
    }
  }
  const pixel = (x: number, y: number) => palette[raw[y * (width + 1) + 1 + x]];
  return { width, height, colourType, palette, trns: [...trns], pixel, text: jsQR(rgba, width, height)?.data };
}

const viewBoxSide = (svg: string) => Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);

/** An invitation of the demo partner (or of a customer) that no earlier request has put in the isolate's cache. */
async function insertInvitation(code: string, owner: { partnerId: string } | { customerId: string } = { partnerId: DEMO.partnerId }) {
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO invitations (id, program_id, partner_id, customer_id, code, code_key, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  )
    .bind(`inv_${code}`, DEMO.programId, 'partnerId' in owner ? owner.partnerId : null, 'customerId' in owner ? owner.customerId : null, code, code.toUpperCase(), now, now)
    .run();
}

describe('QR codes', () => {
  it('serves an SVG of the link marked as a scan', async () => {
    const res = await call(`/r/${DEMO.invitationCode}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg[\s\S]*<path/);
  });

  it('serves a valid PNG', async () => {
    const res = await call(`/r/${DEMO.invitationCode}/qr.png`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = new DataView(bytes.buffer).getUint32(16);
    expect(width).toBeGreaterThan(100);
  });
});

describe('QR code options', () => {
  it('makes a 256-pixel black-on-white PNG by default, which scans to the link marked as a scan', async () => {
    const png = await decodePng(await call('/r/DEMO/qr.png'));
    expect([png.width, png.height, png.colourType]).toEqual([256, 256, 3]);
    expect(png.palette).toEqual(['ffffff', '000000']);
    expect(png.trns).toEqual([]);
    expect(png.text).toBe(SCAN_LINK);
  });

  it('sizes the PNG to exactly ?size pixels, and it still scans', async () => {
    for (const size of [64, 300, 1024]) {
      const png = await decodePng(await call(`/r/DEMO/qr.png?size=${size}`));
      expect([png.width, png.height]).toEqual([size, size]);
      if (size >= 300) expect(png.text).toBe(SCAN_LINK);
    }
  });

  it('colours the PNG with ?dark and ?light, and makes the ground see-through with RRGGBBAA', async () => {
    const png = await decodePng(await call('/r/DEMO/qr.png?size=300&dark=1e3a8a&light=FFF7E6'));
    expect(png.palette).toEqual(['fff7e6', '1e3a8a']);
    expect(png.text).toBe(SCAN_LINK);
    const clear = await decodePng(await call('/r/DEMO/qr.png?light=ffffff00'));
    expect(clear.trns).toEqual([0]);
  });

  it('sets the quiet zone in modules with ?margin', async () => {
    // The link has 29 modules at level M: 290 px is 10 px a module with no margin, and 37 modules (8 px each) with 4.
    const none = await decodePng(await call('/r/DEMO/qr.png?size=290&margin=0'));
    expect(none.pixel(0, 0)).toBe('000000'); // the finder pattern's corner
    const four = await decodePng(await call('/r/DEMO/qr.png?size=296&margin=4'));
    expect([four.pixel(31, 31), four.pixel(32, 32)]).toEqual(['ffffff', '000000']);
  });

  it('sets the SVG width and height with ?size and colours its ground and modules', async () => {
    const svg = await (await call('/r/DEMO/qr.svg?size=512&dark=1e3a8a&light=fff7e6')).text();
    expect(svg).toContain('width="512" height="512"');
    expect(svg).toContain('fill="#fff7e6"');
    expect(svg).toContain('stroke="#1e3a8a"');
    const plain = await (await call('/r/DEMO/qr.svg')).text();
    expect(plain).not.toContain('width=');
    const clear = await (await call('/r/DEMO/qr.svg?light=ffffff00')).text();
    expect(clear).not.toContain('fill=');
  });

  it('adds modules for a higher error correction level (?ecc, any case)', async () => {
    const side = async (q: string) => viewBoxSide(await (await call(`/r/DEMO/qr.svg?margin=0&${q}`)).text());
    expect(await side('ecc=L')).toBe(29);
    expect(await side('ecc=M')).toBe(29);
    expect(await side('ecc=h')).toBe(33);
  });

  it.each([
    ['size=10', 'size'],
    ['size=4096', 'size'],
    ['size=big', 'size'],
    ['size=100.5', 'size'],
    ['margin=-1', 'margin'],
    ['margin=17', 'margin'],
    ['margin=1&margin=2', 'margin'],
    ['ecc=X', 'ecc'],
    ['dark=%23000000', 'dark'],
    ['dark=red', 'dark'],
    ['dark=00000080', 'dark'],
    ['light=fffffff', 'light'],
    ['dark=ffffff&light=000000', 'dark'],
    ['dark=cccccc&light=ffffff', 'dark'],
  ])('answers ?%s with 400 invalid_request naming %s', async (query, path) => {
    for (const format of ['png', 'svg']) {
      const res = await call(`/r/DEMO/qr.${format}?${query}`);
      expect(res.status).toBe(400);
      const body = await res.json<{ error: { code: string; message: string; details: { path: string; message: string }[] } }>();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.message).toMatch(new RegExp(`^${path}: `));
      expect(body.error.details.map((d) => d.path)).toEqual([path]);
    }
  });

  it('answers an unknown code with the 404 page', async () => {
    for (const path of ['/r/NO-SUCH-CODE/qr.png', '/r/NO-SUCH-CODE/qr.svg?size=128']) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('not available');
    }
  });
});

describe('GET /r/:code/card', () => {
  it('serves a printable card with the QR code, promo code, short link, partner and signup credit', async () => {
    const res = await call('/r/demo/card');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<p class="code" data-testid="code" style="font-size:12.0mm">DEMO</p>');
    expect(page).toContain('<p class="link" data-testid="link">edgeref.test/r/DEMO</p>');
    expect(page).toContain('Invited by Demo Partner AB');
    expect(page).toContain('Join Demo Shop');
    expect(page).toContain('€5.00');
    expect(page).toContain('@page{size:105mm 148mm;margin:0}'); // A6
    expect(page).toMatch(/<figure class="qr"[^>]*><svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 41 41"/); // level Q, 33 modules + 2 × 4
    expect(page).not.toMatch(/<script|<link|src=|url\(/);
  });

  it('forbids everything but inline style and data: images (CSP) and is never framed', async () => {
    const res = await call('/r/DEMO/card');
    const csp = res.headers.get('Content-Security-Policy')!;
    expect(csp.split(/;\s*/)).toEqual(expect.arrayContaining(["default-src 'none'", "style-src 'unsafe-inline'", 'img-src data:', "frame-ancestors 'none'"]));
    expect(csp).not.toContain('script-src');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('escapes the partner name and leaves "Invited by" out for a customer advocate', async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_xss', ?, 100777, ?, 'x@example.com', 'partner', ?)`).bind(DEMO.programId, '<script>alert("x")</script> & Co', now),
      env.DB.prepare(`INSERT INTO customers (id, program_id, external_id, created_at) VALUES ('cus_card', ?, 'ext-card', ?)`).bind(DEMO.programId, now),
    ]);
    await insertInvitation('CARD-XSS', { partnerId: 'prt_xss' });
    await insertInvitation('CARD-FRIEND', { customerId: 'cus_card' });
    const xss = await (await call('/r/CARD-XSS/card')).text();
    expect(xss).toContain('Invited by &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(xss).not.toContain('<script');
    const friend = await (await call('/r/CARD-FRIEND/card')).text();
    expect(friend).toContain('edgeref.test/r/CARD-FRIEND');
    expect(friend).not.toContain('Invited by');
  });

  it('answers an unknown code with the 404 page', async () => {
    const res = await call('/r/NO-SUCH-CODE/card');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('not available');
  });
});

describe('a deactivated invitation', () => {
  it('has no card and no QR code (410 page)', async () => {
    // A code never requested before, so the isolate's invitation cache cannot answer from before the change.
    await insertInvitation('GONE-CARD');
    await env.DB.prepare("UPDATE invitations SET active = 0 WHERE code_key = 'GONE-CARD'").run();
    for (const path of ['/r/GONE-CARD/card', '/r/gone-card/qr.png', '/r/GONE-CARD/qr.svg?ecc=H']) {
      const res = await call(path);
      expect(res.status, path).toBe(410);
      expect(await res.text()).toContain('no longer active');
    }
  });
});
