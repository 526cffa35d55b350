/**
 * Lit's development build keeps this set (it is also how a page silences Lit's own warnings), so
 * its presence says "dev mode" without a build flag. Production builds never define it.
 */
function isLitDevMode(): boolean {
  return (globalThis as { litIssuedWarnings?: unknown }).litIssuedWarnings !== undefined;
}

/**
 * Warns about a likely mistake in the markup, only while Lit runs in dev mode. `context` should
 * be plain values: test runners that forward the console serialize it, and an element (with its
 * controllers and their hosts) can take them forever.
 */
export function devWarning(tag: string, message: string, ...context: unknown[]): void {
  if (!isLitDevMode()) return;
  // eslint-disable-next-line no-console -- the channel Lit's own dev-mode warnings use
  console.warn(`<${tag}> ${message}`, ...context);
}
