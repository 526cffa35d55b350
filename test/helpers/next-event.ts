/**
 * `oneEvent` typed by `GlobalEventHandlersEventMap`, so `(await nextEvent(el, 'ph-load')).data`
 * is a `RunResponse` rather than a `CustomEvent`'s `any` detail.
 */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    target.addEventListener(type, (event) => resolve(event as GlobalEventHandlersEventMap[K]), {
      once: true,
    });
  });
}
