import { expect } from '@open-wc/testing';
import { formatDuration, formatNumber, formatValue, MISSING } from '../../src/format/index.js';
import { numberFormat } from '../../src/format/formatter-cache.js';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('format: numbers', () => {
  it('formats full numbers in the given locale', () => {
    expect(formatNumber(15625, { locale: 'en-US' })).to.equal('15,625');
    expect(formatNumber(15625, { locale: 'de-DE' })).to.equal('15.625');
    expect(formatNumber(1234.5678, { locale: 'en-US' })).to.equal('1,234.57');
    expect(formatNumber(1234.5678, { locale: 'de-DE' })).to.equal('1.234,57');
    expect(formatNumber(2, { locale: 'en-US', decimals: 2 })).to.equal('2.00');
  });

  it('formats compact numbers for axes', () => {
    expect(formatNumber(15625, { locale: 'en-US', compact: true })).to.equal('15.6K');
    expect(formatNumber(1_600_000, { locale: 'en-US', compact: true })).to.equal('1.6M');
    expect(plain(formatNumber(1_600_000, { locale: 'de-DE', compact: true }))).to.equal('1,6 Mio.');
  });

  it('shows an em dash, never NaN, for null, NaN and Infinity', () => {
    for (const value of [null, undefined, NaN, Infinity, -Infinity]) {
      expect(formatNumber(value, { locale: 'en-US' })).to.equal(MISSING);
      expect(formatNumber(value, { compact: true })).to.equal(MISSING);
      expect(formatValue(value, { format: { prefix: '$' } })).to.equal(MISSING);
      expect(formatDuration(value)).to.equal(MISSING);
    }
    expect(MISSING).to.equal('—');
  });

  it('applies the saved axis format, prefix, postfix and decimals', () => {
    expect(formatValue(1500, { locale: 'en-US', format: { prefix: '$', postfix: ' spent' } })).to.equal(
      '$1,500 spent',
    );
    expect(formatValue(45, { locale: 'en-US', format: { axis: 'percentage' } })).to.equal('45%');
    expect(formatValue(0.456, { locale: 'en-US', format: { axis: 'percentage_scaled' } })).to.equal('45.6%');
    expect(plain(formatValue(45, { locale: 'de-DE', format: { axis: 'percentage' } }))).to.equal('45 %');
    expect(formatValue(3900, { locale: 'en-US', format: { axis: 'duration' } })).to.equal('1h 5m');
    expect(formatValue(3_900_000, { locale: 'en-US', format: { axis: 'duration_ms' } })).to.equal('1h 5m');
    expect(formatValue(1.5, { locale: 'en-US', format: { decimalPlaces: 2 } })).to.equal('1.50');
    expect(formatValue(1234, { locale: 'en-US', format: { axis: 'currency' } })).to.equal('$1,234.00');
    expect(
      plain(formatValue(1234, { locale: 'de-DE', format: { axis: 'currency' }, currency: 'EUR' })),
    ).to.equal('1.234,00 €');
    expect(formatValue(25_000, { locale: 'en-US', compact: true, format: { prefix: '~' } })).to.equal('~25K');
  });

  it('survives an invalid locale and reuses cached formatters', () => {
    expect(formatNumber(15625, { locale: 'not a locale!' }))
      .to.be.a('string')
      .and.not.include('NaN');
    expect(formatNumber(15625, { locale: '' })).to.equal(formatNumber(15625));
    expect(numberFormat('en-US', { maximumFractionDigits: 2 })).to.equal(
      numberFormat('en-US', { maximumFractionDigits: 2 }),
    );
    expect(numberFormat('en-US', { maximumFractionDigits: 2 })).not.to.equal(
      numberFormat('de-DE', { maximumFractionDigits: 2 }),
    );
  });
});

describe('format: durations', () => {
  it('shows the two largest units, Intl style', () => {
    expect(formatDuration(3900, { locale: 'en-US' })).to.equal('1h 5m');
    expect(formatDuration(3600, { locale: 'en-US' })).to.equal('1h');
    expect(formatDuration(45, { locale: 'en-US' })).to.equal('45s');
    expect(formatDuration(90061, { locale: 'en-US' })).to.equal('1d 1h');
    expect(formatDuration(3725, { locale: 'en-US', units: 3 })).to.equal('1h 2m 5s');
    expect(formatDuration(0, { locale: 'en-US' })).to.equal('0s');
    expect(formatDuration(0.25, { locale: 'en-US' })).to.equal('250ms');
    expect(formatDuration(-65, { locale: 'en-US' })).to.equal('-1m 5s');
    expect(formatDuration(59.7, { locale: 'en-US' })).to.equal('1m');
  });

  it('uses the locale', () => {
    const german = formatDuration(3900, { locale: 'de-DE' });
    expect(german).to.not.equal(formatDuration(3900, { locale: 'en-US' }));
    expect(german).to.include('1').and.include('5');
  });

  it('falls back to unit-formatted numbers without Intl.DurationFormat', () => {
    const intl = Intl as unknown as { DurationFormat?: unknown };
    const original = intl.DurationFormat;
    intl.DurationFormat = undefined;
    try {
      expect(formatDuration(3900, { locale: 'en-US' })).to.equal('1h 5m');
      expect(formatDuration(0.25, { locale: 'en-US' })).to.equal('250ms');
    } finally {
      intl.DurationFormat = original;
    }
  });
});
