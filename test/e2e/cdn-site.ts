import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = join(import.meta.dirname, '..', '..', 'dist');

export interface CdnSite {
  /** The folder to serve. */
  dir: string;
  /** Deletes the folder and everything in it. */
  remove(): void;
}

/**
 * A temporary page folder holding only the CDN files (dist/ph-embed*.js) and, given `html`, an
 * index.html: a customer's static site with the single-script install. Fails, naming the build to
 * run, when dist has no CDN build.
 */
export function cdnSite(prefix: string, html?: string): CdnSite {
  assert.ok(
    existsSync(join(dist, 'ph-embed.js')),
    'dist/ph-embed.js is missing: run `npm run build:cdn` first',
  );
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const file of readdirSync(dist).filter((f) => /^ph-embed.*\.js$/.test(f))) {
    copyFileSync(join(dist, file), join(dir, file));
  }
  if (html !== undefined) writeFileSync(join(dir, 'index.html'), html);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
