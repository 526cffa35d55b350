/**
 * Whether the module at `moduleUrl` is the script Node was started with (`node main.js`, `tsx
 * main.ts`, or the `ph-embed` bin through its symlink), so that importing it runs nothing.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}
