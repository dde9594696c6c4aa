// The Chromium that npm installs (@sparticuz/chromium's headless shell), for machines without Debian's: unpacked once.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';

export interface ChromiumBinary {
  executablePath: string;
  /** Environment for the browser process, or undefined to inherit this one. */
  env?: Record<string, string>;
  /** Flags this binary needs on top of ours. */
  args: string[];
  /** Says where it came from, for a failure message. */
  source: string;
}

/**
 * CHROMIUM_PATH if set; else Debian's /usr/bin/chromium when it is there, unless EDGEREF_BUNDLED_CHROMIUM=1 (CI sets it
 * to prove that a machine without Debian's Chromium passes); else the one from npm.
 */
export async function findChromium(): Promise<ChromiumBinary> {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, args: [], source: 'CHROMIUM_PATH' };
  if (process.env.EDGEREF_BUNDLED_CHROMIUM !== '1' && existsSync('/usr/bin/chromium')) {
    return { executablePath: '/usr/bin/chromium', args: [], source: "Debian's chromium" };
  }
  return bundledChromium();
}

/**
 * The package carries a brotli-compressed x64 binary, its NSS libraries and a font. Unpacked into node_modules/.cache
 * (not the package's own /tmp/chromium, which any other checkout or version may have filled), under a temporary name
 * renamed into place, so that two test processes unpacking at once both end with a whole copy.
 */
async function bundledChromium(): Promise<ChromiumBinary> {
  const bin = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', 'bin');
  const { version } = JSON.parse(readFileSync(join(bin, '..', 'package.json'), 'utf8')) as { version: string };
  const root = fileURLToPath(new URL('../../node_modules/.cache/edgeref-chromium/', import.meta.url));
  const dir = join(root, version);
  if (!existsSync(join(dir, 'chromium'))) {
    if (process.arch !== 'x64' || process.platform !== 'linux') {
      throw new Error(`@sparticuz/chromium carries Linux x64 only; on ${process.platform} ${process.arch}, set CHROMIUM_PATH`);
    }
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    await Promise.all([
      pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(partial, 'chromium'), { mode: 0o755 })),
      untar(join(bin, 'fonts.tar.br'), partial),
      untar(join(bin, 'al2023.tar.br'), partial),
    ]);
    writeFileSync(join(partial, 'fonts.conf'), fontsConf(dir));
    try {
      renameSync(partial, dir);
    } catch (e) {
      // Another process got there first with its own whole copy.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(dir, 'chromium'))) throw e;
    }
  }
  return {
    executablePath: join(dir, 'chromium'),
    // Its own NSS (built for Amazon Linux, needing nothing newer than glibc 2.14), so Debian needs no libnss3.
    env: { ...stringEnv(), LD_LIBRARY_PATH: [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), FONTCONFIG_FILE: join(dir, 'fonts.conf') },
    // Under LANG=C (as in CI) the headless shell reports navigator.language "en-US@posix", which Intl rejects, where
    // Debian's Chromium reports "en-US"; this gives the shell the same languages.
    args: ['--accept-lang=en-US,en'],
    source: `@sparticuz/chromium ${version}`,
  };
}

/** The system's fonts when it has fontconfig, plus the package's Open Sans, so a machine without any fonts still renders text. */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${join(dir, 'fonts')}</dir>
  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>
</fontconfig>
`;
}

/**
 * Debian's tar (an essential package) reads what node's brotli writes; the package's own unpacker writes only to /tmp.
 * The archive is decompressed to a file first: tar stops reading at the end-of-archive blocks, and piping into its
 * stdin then fails with "Premature close" whenever tar exits before the last padding is written (a race CI lost once).
 */
async function untar(archive: string, into: string): Promise<void> {
  const plain = join(into, `${basename(archive, '.br')}.partial`);
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(plain));
  const tar = spawn('tar', ['-x', '--no-same-owner', '-f', plain, '-C', into], { stdio: ['ignore', 'ignore', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tar -x ${archive} exited with ${code}`))));
  });
  rmSync(plain);
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}
