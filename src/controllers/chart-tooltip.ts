/**
 * The HTML tooltip and keyboard navigation every chart view shares (chart.js's Tooltip plugin is
 * not in the bundle). The view makes one region focusable (`tabindex="0"`) and binds the
 * controller's handlers to it; the controller keeps which point is active and renders the
 * tooltip inside that region.
 *
 * - Pointer: moving shows the point under it, leaving hides it, a click activates it.
 * - Keyboard: Left/Right move across points, Home/End jump to the ends, Up/Down pick a row
 *   (series), Enter or Space activates, Escape hides. A polite live region reads the point.
 *
 * What a point is, where it sits and what activating it does come from {@link ChartTooltipOptions},
 * so the same controller drives a chart.js canvas, an SVG pie or anything else with points.
 */
import { css, html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface TooltipRow {
  /** Identity passed to `activate` (e.g. the series' position in the result). */
  readonly key: number;
  readonly name: string;
  readonly color: string;
  /** The formatted value. */
  readonly value: string;
}

export interface TooltipContent {
  readonly title: string;
  readonly rows: readonly TooltipRow[];
}

export interface TooltipPoint {
  readonly index: number;
  /** The row under the pointer, when the view can tell. */
  readonly key?: number | undefined;
}

export interface TooltipAnchor {
  /** CSS pixels from the region's top left. */
  readonly x: number;
  readonly y: number;
  /** The region's width: past its middle the tooltip opens to the left of `x`. */
  readonly width: number;
}

export interface ChartTooltipOptions {
  /** How many points the keyboard moves across. */
  length(): number;
  /** What the tooltip lists at point `index`; undefined shows nothing. */
  content(index: number): TooltipContent | undefined;
  anchor(index: number): TooltipAnchor | undefined;
  /** The point under a pointer event, if any. */
  pointAt(event: MouseEvent): TooltipPoint | undefined;
  /** The user picked row `key` of point `index` (click, Enter or Space). */
  activate(index: number, key: number): void;
  /** Optional: mark the active point in the drawing (or clear it with undefined). */
  highlight?(point: TooltipPoint | undefined): void;
}

/** At most this many rows are listed; the window follows the active row. */
const MAX_ROWS = 10;

type Active = TooltipPoint & { readonly keyboard: boolean };

export class ChartTooltipController implements ReactiveController {
  private _active: Active | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ChartTooltipOptions,
  ) {
    host.addController(this);
  }

  /** The point the tooltip shows, if any. */
  get active(): Active | undefined {
    return this._active;
  }

  hostDisconnected(): void {
    this._active = undefined;
  }

  hide(): void {
    this._set(undefined);
  }

  readonly onPointerMove = (event: PointerEvent): void => {
    const point = this.options.pointAt(event);
    this._set(point && { ...point, keyboard: false });
  };

  readonly onPointerLeave = (): void => {
    if (!this._active?.keyboard) this.hide();
  };

  readonly onFocusOut = (): void => {
    if (this._active?.keyboard) this.hide();
  };

  readonly onClick = (event: MouseEvent): void => {
    const point = this.options.pointAt(event);
    if (!point) return;
    const key = this._rowKey(point, this.options.content(point.index));
    if (key !== undefined) this.options.activate(point.index, key);
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    const length = this.options.length();
    // A point that went away with new data is no point to move from.
    const active = this._active && this._active.index < length ? this._active : undefined;
    if (length === 0) return;
    let index: number | undefined;
    switch (event.key) {
      case 'ArrowRight':
        index = active ? Math.min(active.index + 1, length - 1) : 0;
        break;
      case 'ArrowLeft':
        index = active ? Math.max(active.index - 1, 0) : length - 1;
        break;
      case 'Home':
        index = 0;
        break;
      case 'End':
        index = length - 1;
        break;
      case 'ArrowUp':
      case 'ArrowDown':
        if (!active) return;
        this._set({
          index: active.index,
          key: this._step(active, event.key === 'ArrowDown' ? 1 : -1),
          keyboard: true,
        });
        event.preventDefault();
        return;
      case 'Escape':
        if (!active) return;
        this.hide();
        event.preventDefault();
        return;
      case 'Enter':
      case ' ': {
        if (!active) return;
        const key = this._rowKey(active, this.options.content(active.index));
        if (key !== undefined) this.options.activate(active.index, key);
        event.preventDefault();
        return;
      }
      default:
        return;
    }
    this._set({ index, key: active?.key, keyboard: true });
    event.preventDefault();
  };

  /** The tooltip and its live region; render it inside the focusable, positioned region. */
  render() {
    const active = this._active;
    const content =
      active && active.index < this.options.length() ? this.options.content(active.index) : undefined;
    const anchor = content && active ? this.options.anchor(active.index) : undefined;
    if (!active || !content || !anchor) return html`<p class="visually-hidden" role="status"></p>`;
    const key = this._rowKey(active, content);
    const at = Math.max(
      0,
      content.rows.findIndex((row) => row.key === key),
    );
    const start = Math.min(
      Math.max(0, at - Math.floor(MAX_ROWS / 2)),
      Math.max(0, content.rows.length - MAX_ROWS),
    );
    const rows = content.rows.slice(start, start + MAX_ROWS);
    const hidden = content.rows.length - rows.length;
    const current = content.rows[at];
    const position = {
      left: `${anchor.x}px`,
      top: `${anchor.y}px`,
      transform: anchor.x > anchor.width / 2 ? 'translateX(calc(-100% - 12px))' : 'translateX(12px)',
    };
    // Keyboard users hear the point and their row; the drawn tooltip is for eyes only.
    const spoken =
      active.keyboard && current
        ? `${content.title}. ${current.name}: ${current.value} (${at + 1}/${content.rows.length})`
        : '';
    return html`
      <div part="tooltip" class="tooltip" style=${styleMap(position)} aria-hidden="true">
        <div class="tooltip-title">${content.title}</div>
        ${rows.map(
          (row) =>
            html`<div class="tooltip-row" ?data-active=${row.key === key && content.rows.length > 1}>
              <span class="tooltip-swatch" style=${styleMap({ background: row.color })}></span>
              <span class="tooltip-name">${row.name}</span>
              <span class="tooltip-value">${row.value}</span>
            </div>`,
        )}
        ${hidden > 0 ? html`<div class="tooltip-more">+${hidden}</div>` : nothing}
      </div>
      <p class="visually-hidden" role="status">${spoken}</p>
    `;
  }

  private _rowKey(point: TooltipPoint, content: TooltipContent | undefined): number | undefined {
    const rows = content?.rows ?? [];
    return (rows.find((row) => row.key === point.key) ?? rows[0])?.key;
  }

  private _step(active: Active, by: number): number | undefined {
    const rows = this.options.content(active.index)?.rows ?? [];
    if (rows.length === 0) return undefined;
    const at = Math.max(
      0,
      rows.findIndex((row) => row.key === active.key),
    );
    return rows[(at + by + rows.length) % rows.length]!.key;
  }

  private _set(active: Active | undefined): void {
    const old = this._active;
    if (old?.index === active?.index && old?.key === active?.key && old?.keyboard === active?.keyboard)
      return;
    this._active = active;
    this.options.highlight?.(active);
    this.host.requestUpdate();
  }
}

export const tooltipStyles = css`
  .tooltip {
    position: absolute;
    z-index: 1;
    min-width: 8rem;
    max-width: min(20rem, 70%);
    padding: 6px 8px;
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    font-size: 0.8125rem;
    pointer-events: none;
  }

  .tooltip-title {
    margin-bottom: 4px;
    font-weight: 600;
  }

  .tooltip-row {
    display: flex;
    align-items: center;
    gap: 6px;
  }

  .tooltip-row[data-active] {
    font-weight: 600;
  }

  .tooltip-swatch {
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 2px;
  }

  .tooltip-name {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .tooltip-value,
  .tooltip-more {
    font-variant-numeric: tabular-nums;
  }

  .tooltip-more {
    color: var(--_muted);
  }

  @media (forced-colors: active) {
    .tooltip {
      border-color: CanvasText;
    }
    .tooltip-swatch {
      forced-color-adjust: none;
      background: CanvasText !important;
    }
  }
`;
