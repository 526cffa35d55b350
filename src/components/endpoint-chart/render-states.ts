import { html } from 'lit';
import { PhApiError } from '../../data/errors.js';
import { fill } from '../../internal/strings.js';
import { renderSkeleton } from './render-view.js';
import type { PhStrings } from '../../internal/strings.js';
import type { SkeletonShape } from './view-for-result.js';

/** The states `<ph-endpoint-chart>` shows instead of a view. Status text lives in live regions. */

export function renderLoading(text: PhStrings, shape: SkeletonShape) {
  return html`
    <div part="status loading" class="status" role="status">
      ${renderSkeleton(shape)}
      <span class="visually-hidden">${text.loading}</span>
    </div>
  `;
}

/** The proxy's own message (it is written for people); anything else might leak internals. */
export function renderError(text: PhStrings, error: unknown, retry: () => void) {
  const message = error instanceof PhApiError ? error.message : text.error;
  return html`
    <div part="status error" class="status error" role="alert">
      <slot name="error"><p class="message">${message}</p></slot>
      <button part="retry" class="button" type="button" @click=${retry}>${text.retry}</button>
    </div>
  `;
}

export function renderEmpty(text: PhStrings) {
  return html`<div part="status empty" class="status" role="status">
    <slot name="empty">${text.empty}</slot>
  </div>`;
}

export function renderUnsupported(text: PhStrings, kind: string) {
  return html`<p part="status unsupported" class="status" role="status">
    ${fill(text.noView, { what: kind })}
  </p>`;
}

/** Described by the title, so each tile's button says which chart it exports. */
export function renderExportButton(text: PhStrings, exportCsv: () => void) {
  return html`<button part="export" class="button" type="button" aria-describedby="title" @click=${exportCsv}>
    ${text.exportCsv}
  </button>`;
}
