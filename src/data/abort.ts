/**
 * Giving up on a promise when an AbortSignal fires, for the client's shared requests and its token
 * source.
 */

/** `signal.reason` is what `fetch` rejects with too; older engines leave it unset. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * `promise`, or a rejection with the abort reason as soon as `signal` aborts, after `onAbort` (once).
 * The work behind `promise` goes on, for whoever else waits for it.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    onAbort?.();
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onSignal = () => {
      onAbort?.();
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onSignal, { once: true });
    // Taken off in the same turn as the answer, so an abort right after it cannot run `onAbort`.
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onSignal);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onSignal);
        reject(error);
      },
    );
  });
}
