/** What was clicked: a point, bar, slice, funnel step or table cell. */
export interface PointClickDetail {
  /** The series' display name (breakdown value, custom name or event). */
  series: string;
  /** The series' position in `result.results` (stable when series are hidden). */
  seriesIndex: number;
  /** The point's label as shown on the axis (a date, a step name, a cohort). */
  label: string;
  /** The point's position along the axis. */
  index: number;
  /** The raw value, before formatting; `null` for a gap. */
  value: number | null;
}

/** `ph-point-click`: the user activated a data point (pointer or keyboard). */
export class PhPointClickEvent extends Event {
  static readonly type = 'ph-point-click';

  readonly series: string;
  readonly seriesIndex: number;
  readonly label: string;
  readonly index: number;
  readonly value: number | null;

  constructor(detail: PointClickDetail) {
    super(PhPointClickEvent.type, { bubbles: true, composed: true });
    this.series = detail.series;
    this.seriesIndex = detail.seriesIndex;
    this.label = detail.label;
    this.index = detail.index;
    this.value = detail.value;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ph-point-click': PhPointClickEvent;
  }
}
