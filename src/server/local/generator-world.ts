/**
 * The generator's state: the 90-day window, the random stream, the calendar shapes (weekday dip,
 * working-hours profile, growing sign-ups), and the rows made so far.
 */
import { PROPERTIES_JSON, type EventRow, type PersonRow } from './db.js';
import { HOUR_WEIGHTS } from './generator-catalog.js';
import type { Random } from './random.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const HOUR_CDF = cumulative([...HOUR_WEIGHTS]);

export interface Person {
  id: string;
  email: string;
  org: string;
  browser: string;
  browserVersion: string;
  os: string;
  country: string;
  signupAt: number;
  firstSeen: number;
  churnAt: number;
  plan: string;
  /** The start of this person's pageview properties as JSON: the part that never changes. */
  pageviewJson: string;
}

/** Everything one run needs: the window, the random stream, the persons and the events not yet taken. */
export class World {
  readonly events: EventRow[] = [];
  readonly persons: PersonRow[] = [];
  readonly start: number;
  readonly end: number;
  private readonly dayStart0: number;
  private readonly signupDayCdf: number[];
  private readonly emails = new Set<string>();

  constructor(
    readonly random: Random,
    now: Date,
    readonly days: number,
  ) {
    this.end = now.getTime();
    this.start = this.end - days * DAY;
    this.dayStart0 = Math.floor(this.start / DAY) * DAY;
    // Sign-ups grow over the window (x2.2 by the end) and dip at weekends.
    const weights = Array.from(
      { length: days + 1 },
      (_, i) => (1 + (1.2 * i) / days) * this.weekdayFactor(i),
    );
    this.signupDayCdf = cumulative(weights);
  }

  weekdayFactor(dayIndex: number): number {
    const weekday = new Date(this.dayStart0 + dayIndex * DAY).getUTCDay();
    return weekday === 0 ? 0.42 : weekday === 6 ? 0.5 : 1;
  }

  dayIndex(ms: number): number {
    return Math.floor((ms - this.dayStart0) / DAY);
  }

  /** A moment on day `dayIndex`, at an hour drawn from the working-day profile. */
  timeOnDay(dayIndex: number): number {
    const hour = this.random.fromCdf(HOUR_CDF);
    return this.dayStart0 + dayIndex * DAY + hour * HOUR + Math.floor(this.random.next() * HOUR);
  }

  signupDay(): number {
    return this.random.fromCdf(this.signupDayCdf);
  }

  uniqueEmail(first: string, last: string, org: string): string {
    const base = `${first}.${last}`.toLowerCase();
    let email = `${base}@${org}.com`;
    for (let n = 2; this.emails.has(email); n += 1) email = `${base}${n}@${org}.com`;
    this.emails.add(email);
    return email;
  }

  emit(
    person: Person,
    distinctId: string,
    event: string,
    at: number,
    properties: Record<string, unknown>,
    json?: string,
  ): void {
    if (at < this.start || at > this.end) return;
    this.events.push({
      uuid: this.random.uuid(),
      event,
      timestamp: new Date(at),
      distinct_id: distinctId,
      person_id: person.id,
      properties,
      [PROPERTIES_JSON]: json,
    });
  }
}

function cumulative(weights: number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
