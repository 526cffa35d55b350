/**
 * Reads a body stream as UTF-8 text, at most `maxBytes` of it: past the cap the stream is cancelled
 * (nothing more is buffered) and `tooLarge()` is thrown. For the browser's run body and for upstream
 * answers alike. TextDecoder rather than Buffer keeps it usable on Workers and Deno.
 */
export async function readStreamCapped(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
