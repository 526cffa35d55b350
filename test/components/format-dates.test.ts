import { expect } from '@open-wc/testing';
import {
  formatAxisLabels,
  formatDay,
  formatDayRange,
  guessInterval,
  parseDay,
} from '../../src/format/index.js';

/** ICU puts narrow and thin no-break spaces around times and ranges; compare with plain ones. */
const plain = (text: string) => text.replace(/\s/g, ' ');

const ZONES = [
  'UTC',
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
];

describe('format: dates from PostHog days', () => {
  it('never moves a date-only day, whatever the display or source time zone', () => {
    for (const zone of ZONES) {
      const options = { locale: 'en-US', timeZone: zone, sourceTimeZone: zone };
      expect(formatDay('2022-03-04', 'day', options), zone).to.equal('Mar 4');
      expect(formatDay('2022-01-01', 'day', { ...options, style: 'full' }), zone).to.equal(
        'Sat, Jan 1, 2022',
      );
      expect(formatDay('2022-03-01', 'month', options), zone).to.equal('Mar 2022');
      expect(plain(formatDayRange('2022-03-04', '2022-03-11', 'day', options)), zone).to.equal(
        'Mar 4 – 11, 2022',
      );
    }
  });

  it('takes the calendar date as written from date-times of daily buckets', () => {
    for (const zone of ZONES) {
      expect(formatDay('2022-03-04T00:00:00-08:00', 'day', { locale: 'en-US', timeZone: zone })).to.equal(
        'Mar 4',
      );
      expect(formatDay('2022-03-04 00:00:00', 'week', { locale: 'en-US', timeZone: zone })).to.equal('Mar 4');
    }
  });

  it('parses date-only days as calendar dates, not local midnight', () => {
    expect(parseDay('2022-03-04')).to.deep.equal({ kind: 'date', utc: Date.UTC(2022, 2, 4) });
    expect(parseDay('not a day')).to.equal(undefined);
  });

  it('reads naive hourly times in the response time zone, across a DST change', () => {
    expect(parseDay('2022-03-04 13:00:00')).to.deep.equal({
      kind: 'instant',
      time: Date.UTC(2022, 2, 4, 13),
    });
    expect(parseDay('2022-03-04 13:00:00', 'Europe/Berlin')).to.deep.equal({
      kind: 'instant',
      time: Date.UTC(2022, 2, 4, 12),
    });
    // Berlin springs forward at 02:00 on 2022-03-27: 03:00 is already summer time (UTC+2).
    expect(parseDay('2022-03-27 03:00:00', 'Europe/Berlin')).to.deep.equal({
      kind: 'instant',
      time: Date.UTC(2022, 2, 27, 1),
    });
    expect(parseDay('2022-03-04T13:00:00+05:30')).to.deep.equal({
      kind: 'instant',
      time: Date.UTC(2022, 2, 4, 7, 30),
    });
    expect(parseDay('2022-03-04T13:00:00Z', 'Asia/Tokyo')).to.deep.equal({
      kind: 'instant',
      time: Date.UTC(2022, 2, 4, 13),
    });
  });

  it('shows hourly labels in the display time zone, defaulting to the response zone', () => {
    const hour = '2022-03-04 13:00:00';
    expect(plain(formatDay(hour, 'hour', { locale: 'en-US' }))).to.equal('Mar 4, 1:00 PM');
    expect(plain(formatDay(hour, 'hour', { locale: 'en-US', timeZone: 'America/New_York' }))).to.equal(
      'Mar 4, 8:00 AM',
    );
    expect(plain(formatDay(hour, 'hour', { locale: 'en-US', sourceTimeZone: 'Asia/Tokyo' }))).to.equal(
      'Mar 4, 1:00 PM',
    );
    expect(
      plain(formatDay(hour, 'hour', { locale: 'en-US', sourceTimeZone: 'Asia/Tokyo', timeZone: 'UTC' })),
    ).to.equal('Mar 4, 4:00 AM');
    expect(formatDay(hour, 'hour', { locale: 'de-DE', timeZone: 'UTC' })).to.equal('4. März, 13:00');
    expect(plain(formatDay(hour, 'hour', { locale: 'en-US', style: 'full' }))).to.equal(
      'Fri, Mar 4, 2022, 1:00 PM UTC',
    );
  });

  it('takes a day that is not text (a number, null) as no day, without throwing', () => {
    const days = ['2024-01-01', null, 20240102, '2024-01-03'] as unknown as string[];
    expect(parseDay(days[1]!)).to.equal(undefined);
    expect(guessInterval(days)).to.equal('day');
    expect(formatAxisLabels(days, 'day', { locale: 'en-US' })).to.deep.equal([
      'Jan 1',
      '',
      '20240102',
      'Jan 3',
    ]);
  });

  it('guesses the interval from the spacing of days, not from a stored interval', () => {
    expect(guessInterval(['2022-03-04', '2022-03-05', '2022-03-06'])).to.equal('day');
    expect(guessInterval(['2022-03-04 13:00:00', '2022-03-04 14:00:00', '2022-03-04 15:00:00'])).to.equal(
      'hour',
    );
    expect(guessInterval(['2022-03-07', '2022-03-14', '2022-03-21'])).to.equal('week');
    expect(guessInterval(['2022-01-01', '2022-02-01', '2022-03-01', '2022-04-01'])).to.equal('month');
    // A missing bucket or a DST day does not change the answer.
    expect(guessInterval(['2022-03-01', '2022-03-02', '2022-03-05', '2022-03-06'])).to.equal('day');
    expect(guessInterval(['2022-03-27 00:00:00', '2022-03-28 00:00:00', '2022-03-29 00:00:00'])).to.equal(
      'day',
    );
    expect(guessInterval(['2022-03-04'])).to.equal('day');
    expect(guessInterval(['2022-03-04 13:00:00'])).to.equal('hour');
    expect(guessInterval([])).to.equal('day');
  });

  it('adds the year to axis labels only when the range crosses one', () => {
    expect(formatAxisLabels(['2022-03-04', '2022-03-05'], 'day', { locale: 'en-US' })).to.deep.equal([
      'Mar 4',
      'Mar 5',
    ]);
    expect(formatAxisLabels(['2021-12-31', '2022-01-01'], 'day', { locale: 'en-US' })).to.deep.equal([
      'Dec 31, 2021',
      'Jan 1, 2022',
    ]);
    expect(formatAxisLabels(['2022-03-04', '2022-03-05'], 'day', { locale: 'de-DE' })).to.deep.equal([
      '4. März',
      '5. März',
    ]);
  });

  it('shows an unparseable day as it came and survives bad locales and time zones', () => {
    expect(formatDay('week 12', 'week')).to.equal('week 12');
    expect(formatDayRange('a', 'b', 'day')).to.equal('a – b');
    expect(formatDay('2022-03-04', 'day', { locale: 'not a locale!', timeZone: 'Mars/Olympus' })).to.be.a(
      'string',
    );
    expect(
      plain(formatDay('2022-03-04 13:00:00', 'hour', { locale: 'en-US', timeZone: 'Mars/Olympus' })),
    ).to.equal('Mar 4, 1:00 PM');
  });
});
