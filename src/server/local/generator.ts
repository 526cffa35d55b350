/**
 * A deterministic fictional SaaS: anonymous visitors sign up, create projects, invite teammates and buy
 * plans, across several customer organisations. The same seed and `now` always give the same rows, so
 * tests, the demo and the benchmark all see one stable world.
 *
 * Shapes the charts should show: more traffic on weekdays, sign-ups growing over the window, people
 * who stop coming back, and a funnel that loses people at every step (some only after 14+ days).
 */
import type { EventRow, PersonRow } from './db.js';
import {
  BROWSERS,
  COUNTRIES,
  FIRST_NAMES,
  LAST_NAMES,
  MARKETING_PATHS,
  ORGS,
  OSES,
  PLANS,
  PRODUCT_PATHS,
} from './generator-catalog.js';
import { DAY, HOUR, World, type Person } from './generator-world.js';
import { createRandom, type Random } from './random.js';

export interface GenerateOptions {
  seed?: number;
  now?: Date;
  days?: number;
  /** Stop adding people once this many events exist (the last person's events may overshoot a little). */
  events?: number;
}

export interface Dataset {
  events: EventRow[];
  persons: PersonRow[];
}

/** The funnel's experiment flag: the `test` onboarding converts better, so a breakdown shows a gap. */
export const ONBOARDING_FLAG = '$feature/new-onboarding';
const APP_ORIGIN = 'https://app.example.com';
const MARKETING_ORIGIN = 'https://example.com';

/**
 * The rows person by person, for loading straight into the database: each person's events can be
 * dropped once appended, which spares the garbage collector 200,000 long-lived objects (start-up
 * takes a third of the time). `persons` is complete once `events` has been read to the end.
 */
export function streamDataset(options: GenerateOptions = {}): {
  events: Iterable<EventRow>;
  persons: PersonRow[];
} {
  const { seed = 42, now = new Date(), days = 90, events = 200_000 } = options;
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a whole number of at least 1');
  const world = new World(createRandom(seed), now, days);
  function* rows(): Generator<EventRow> {
    for (let made = 0; made < events;) {
      addPerson(world);
      made += world.events.length;
      yield* world.events;
      world.events.length = 0;
    }
  }
  return { events: rows(), persons: world.persons };
}

/** The same rows in time order (ties in the order they were made). Default: about 200,000 events over 90 days. */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const stream = streamDataset(options);
  const rows = [...stream.events];
  // Sorting on plain numbers is far cheaper than on Dates.
  const times = rows.map((row) => row.timestamp.getTime());
  const order = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]! || a - b);
  return { events: order.map((i) => rows[i]!), persons: stream.persons };
}

function addPerson(world: World): void {
  const { random } = world;
  const org = random.weighted(ORGS).id;
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  // About a third were customers before the window opened: they bring activity but no sign-up.
  const existing = random.chance(0.3);
  const signupAt = existing
    ? world.start - Math.floor(random.between(1, 120) * DAY)
    : world.timeOnDay(world.signupDay());
  const person: Person = {
    id: random.uuid(),
    email: world.uniqueEmail(first, last, org),
    org,
    browser: random.weighted(BROWSERS).name,
    browserVersion: '',
    os: random.weighted(OSES).name,
    country: random.weighted(COUNTRIES).code,
    signupAt,
    firstSeen: signupAt,
    churnAt: Infinity,
    plan: 'free',
    pageviewJson: '',
  };
  person.browserVersion = String(BROWSERS.find((b) => b.name === person.browser)!.version - random.int(0, 3));
  person.pageviewJson = JSON.stringify({
    $browser: person.browser,
    $browser_version: person.browserVersion,
    $os: person.os,
    $geoip_country_code: person.country,
    org_id: person.org,
  }).slice(0, -1);
  if (!existing) anonymousVisits(world, person);
  const paidAt = existing ? existingCustomer(world, person) : funnel(world, person);
  // Churn: some people simply stop coming back; paying people less often.
  const churnChance = (existing ? 0.15 : 0.4) * (paidAt === undefined ? 1 : 0.5);
  if (random.chance(churnChance)) {
    const from = Math.max(signupAt, world.start);
    person.churnAt = from + DAY + Math.floor(random.exponential(existing ? 30 : 10) * DAY);
  }
  if (paidAt !== undefined) renewals(world, person, paidAt);
  activity(world, person);
  world.persons.push({
    id: person.id,
    created_at: new Date(person.firstSeen),
    properties: { email: person.email, name: `${first} ${last}`, plan: person.plan, org_id: org },
  });
}

/** Marketing-site pageviews before sign-up, under an anonymous distinct_id PostHog later merged. */
function anonymousVisits(world: World, person: Person): void {
  const { random } = world;
  if (!random.chance(0.8)) return;
  const anonId = `anon-${random.uuid()}`;
  const visits = random.int(1, 4);
  const sessionId = random.uuid();
  for (let i = visits; i >= 1; i -= 1) {
    const at =
      person.signupAt - (i === 1 ? random.int(1, 10) * 60_000 : Math.floor(random.next() * 72 * HOUR));
    person.firstSeen = Math.min(person.firstSeen, at);
    world.emit(
      person,
      anonId,
      '$pageview',
      at,
      ...pageview(person, random.pick(MARKETING_PATHS), sessionId, MARKETING_ORIGIN),
    );
  }
}

/** signed_up -> project_created -> invited_teammate -> purchase; returns when the person first paid. */
function funnel(world: World, person: Person): number | undefined {
  const { random } = world;
  const variant = random.chance(0.5) ? 'test' : 'control';
  const lift = variant === 'test' ? 1.12 : 1;
  world.emit(person, person.email, 'signed_up', person.signupAt, {
    org_id: person.org,
    [ONBOARDING_FLAG]: variant,
  });
  const steps: Array<[string, number, number]> = [
    ['project_created', 0.62 * lift, 0.6],
    ['invited_teammate', 0.5 * lift, 20],
    ['purchase', 0.42 * lift, 48],
  ];
  let at = person.signupAt;
  for (const [event, probability, medianHours] of steps) {
    if (!random.chance(probability)) return undefined;
    at += conversionDelay(random, medianHours);
    if (event !== 'purchase') {
      world.emit(person, person.email, event, at, { org_id: person.org });
      continue;
    }
    person.plan = random.weighted(PLANS).id;
    world.emit(person, person.email, 'purchase', at, purchaseProps(person));
    return at;
  }
  return undefined;
}

/** Minutes to days, log-normal around `medianHours`; one in twelve takes 14 to 30 days. */
function conversionDelay(random: Random, medianHours: number): number {
  if (random.chance(1 / 12)) return Math.floor(random.between(14, 30) * DAY);
  const hours = medianHours * Math.exp(1.6 * random.normal());
  return Math.max(60_000, Math.min(Math.floor(hours * HOUR), 13 * DAY));
}

function existingCustomer(world: World, person: Person): number | undefined {
  const { random } = world;
  if (!random.chance(0.35)) return undefined;
  person.plan = random.weighted(PLANS).id;
  // The first purchase happened before the window; renewals fall inside it.
  return world.start - Math.floor(random.between(1, 30) * DAY);
}

/** Monthly renewals while the person stays. */
function renewals(world: World, person: Person, firstPaidAt: number): void {
  for (let at = firstPaidAt + 30 * DAY; at <= world.end && at < person.churnAt; at += 30 * DAY) {
    world.emit(person, person.email, 'purchase', at, purchaseProps(person));
  }
}

function purchaseProps(person: Person): Record<string, unknown> {
  const plan = PLANS.find((p) => p.id === person.plan)!;
  return { plan: plan.id, amount: plan.amount, org_id: person.org };
}

/** Product usage: sessions of pageviews on active days, busier on weekdays and just after sign-up. */
function activity(world: World, person: Person): void {
  const { random } = world;
  const engagement = random.between(0.15, 0.6);
  const firstDay = Math.max(world.dayIndex(person.signupAt), 0);
  const lastDay = Math.min(world.dayIndex(Math.min(person.churnAt, world.end)), world.days);
  for (let day = firstDay; day <= lastDay; day += 1) {
    const fresh = day - world.dayIndex(person.signupAt) < 3 ? 0.9 : engagement;
    if (!random.chance(fresh * world.weekdayFactor(day))) continue;
    const sessions = 1 + (random.chance(0.3) ? 1 : 0) + (random.chance(0.1) ? 1 : 0);
    for (let s = 0; s < sessions; s += 1) {
      const sessionId = random.uuid();
      let at = Math.max(world.timeOnDay(day), person.signupAt + 60_000);
      const views = Math.min(12, 1 + Math.floor(Math.exp(0.9 * random.normal() + 0.8)));
      for (let v = 0; v < views && at < person.churnAt; v += 1) {
        world.emit(
          person,
          person.email,
          '$pageview',
          at,
          ...pageview(person, random.pick(PRODUCT_PATHS), sessionId, APP_ORIGIN),
        );
        at += random.int(10, 180) * 1000;
      }
    }
  }
}

/**
 * A pageview's properties, and the same as JSON built from the person's fixed part. Every value comes
 * from the catalog or is a hex UUID, so none needs escaping (a test parses every one back).
 */
function pageview(
  person: Person,
  path: string,
  sessionId: string,
  origin: string,
): [Record<string, unknown>, string] {
  const url = origin + path;
  const properties = {
    $browser: person.browser,
    $browser_version: person.browserVersion,
    $os: person.os,
    $geoip_country_code: person.country,
    org_id: person.org,
    $current_url: url,
    $pathname: path,
    $session_id: sessionId,
  };
  const json = `${person.pageviewJson},"$current_url":"${url}","$pathname":"${path}","$session_id":"${sessionId}"}`;
  return [properties, json];
}
