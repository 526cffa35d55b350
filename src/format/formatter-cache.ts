/**
 * Intl formatters are slow to build and cheap to reuse, and a chart formats hundreds of ticks,
 * tooltips and table cells per render. One small least-recently-used cache per formatter kind,
 * keyed by locale and options, keeps that to a handful of constructions per page.
 */
const MAX_ENTRIES = 64;

class FormatterCache<F> {
  private readonly entries = new Map<string, F>();

  get(key: string, create: () => F): F {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert so the Map's insertion order doubles as recency order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = create();
    this.entries.set(key, made);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return made;
  }
}

const numberFormats = new FormatterCache<Intl.NumberFormat>();
const dateFormats = new FormatterCache<Intl.DateTimeFormat>();

/** An empty attribute (`locale=""`) means "the browser's locale", as an absent one does. */
function normalizeLocale(locale: string | undefined): string | undefined {
  return locale?.trim() || undefined;
}

/**
 * A bad `locale` or `timezone` attribute is a typo on a customer's page, not a reason to draw
 * nothing: fall back to the browser's locale, then to UTC, instead of throwing a RangeError.
 */
function withFallbacks<F, O extends object>(
  locale: string | undefined,
  options: O,
  create: (locale: string | undefined, options: O) => F,
): F {
  const attempts: Array<[string | undefined, O]> = [
    [locale, options],
    [undefined, options],
    ...('timeZone' in options ? [[undefined, { ...options, timeZone: 'UTC' }] as [undefined, O]] : []),
  ];
  let lastError: unknown;
  for (const [tryLocale, tryOptions] of attempts) {
    try {
      return create(tryLocale, tryOptions);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

export function numberFormat(
  locale: string | undefined,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const normalized = normalizeLocale(locale);
  return numberFormats.get(`${normalized ?? ''}|${JSON.stringify(options)}`, () =>
    withFallbacks(normalized, options, (l, o) => new Intl.NumberFormat(l, o)),
  );
}

export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const normalized = normalizeLocale(locale);
  return dateFormats.get(`${normalized ?? ''}|${JSON.stringify(options)}`, () =>
    withFallbacks(normalized, options, (l, o) => new Intl.DateTimeFormat(l, o)),
  );
}

/** The subset of `Intl.DurationFormat` used here; TypeScript's ES2022 lib does not declare it yet. */
export interface DurationFormatLike {
  format(
    duration: Partial<Record<'days' | 'hours' | 'minutes' | 'seconds' | 'milliseconds', number>>,
  ): string;
}

type DurationFormatConstructor = new (locale?: string, options?: { style?: string }) => DurationFormatLike;

const durationFormats = new FormatterCache<DurationFormatLike>();

/** `Intl.DurationFormat` where the browser has it (Chromium 129+, Safari 16.4+), else undefined. */
export function durationFormat(locale: string | undefined): DurationFormatLike | undefined {
  const ctor = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (!ctor) return undefined;
  const normalized = normalizeLocale(locale);
  return durationFormats.get(`${normalized ?? ''}|narrow`, () =>
    withFallbacks(normalized, {}, (l) => new ctor(l, { style: 'narrow' })),
  );
}
