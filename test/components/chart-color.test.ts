import { expect } from '@open-wc/testing';
import { Color as Library } from '@kurkle/color';
import { Color as Shim } from '../../src/internal/chart-color.js';
import { withAlpha } from '../../src/controllers/theme-colors.js';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../src/styles/theme.styles.js';

// The CDN build swaps chart.js's colour library for src/internal/chart-color.ts. These tests run
// every call chart.js 4.6 makes on it through both and require the same colour out: the hover
// colour (helpers.color: getHoverColor) and the animation tween (core.animations: interpolators.color).

type AnyColor = typeof Library | typeof Shim;

const palettes = [LIGHT_PALETTE, DARK_PALETTE].flatMap((p) => [
  ...p.series,
  p.text,
  p.muted,
  p.surface,
  p.grid,
  p.danger,
]);

/** Every colour the kit hands chart.js (theme tokens, area fills) plus chart.js's own defaults. */
const COLOURS = [
  ...palettes,
  ...palettes.slice(0, 8).map((c) => withAlpha(c, 0.15)),
  'rgba(0,0,0,0.1)',
  'rgba(255, 255, 255, 0.75)',
  '#666',
  '#0003',
  '#11223344',
  'transparent',
  'rgb(12, 200, 3)',
  'rgba(12, 200, 3, 0)',
  'red',
  'rebeccapurple',
  'hsl(210, 40%, 50%)',
  'hsla(30, 80%, 40%, 0.5)',
];
const INVALID = ['', 'not-a-colour', 'oklch(0.6 0.2 250)', 'color-mix(in srgb, red 50%, transparent)'];

const canvas = document.createElement('canvas').getContext('2d')!;
/** What a canvas paints `value` with; `undefined` stays undefined. */
function painted(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  canvas.fillStyle = '#010203';
  canvas.fillStyle = value;
  return String(canvas.fillStyle);
}

const hover = (C: AnyColor, value: string) => new C(value).saturate(0.5).darken(0.1).hexString();

/** chart.js's colour interpolator, written once against either implementation. */
function tween(C: AnyColor, from: string | undefined, to: string | undefined, factor: number) {
  const c0 = new C(from || 'transparent');
  const c1 = c0.valid && new C(to || 'transparent');
  return c1 && c1.valid ? (c1.mix(c0 as never, factor).hexString() ?? to) : to;
}

describe('chart colour shim (CDN build stand-in for @kurkle/color)', () => {
  it('agrees with the library on which colours are valid, and on their hex form', () => {
    for (const value of [...COLOURS, ...INVALID]) {
      const [ours, theirs] = [new Shim(value), new Library(value)];
      expect(ours.valid, value).to.equal(theirs.valid);
      expect(painted(ours.hexString()), value).to.equal(painted(theirs.hexString()));
    }
  });

  it('derives the same hover colour as chart.js with the library', () => {
    for (const value of COLOURS) {
      expect(painted(hover(Shim, value)), value).to.equal(painted(hover(Library, value)));
    }
    for (const value of INVALID) expect(hover(Shim, value), value).to.equal(undefined);
  });

  it('tweens between any two colours exactly as the library does', () => {
    const ends = [...COLOURS.slice(0, 6), ...COLOURS.slice(-10), undefined, 'oklch(0.6 0.2 250)'];
    for (const from of ends) {
      for (const to of ends) {
        for (const factor of [0, 0.1, 0.5, 0.77, 1]) {
          const label = `${from} -> ${to} at ${factor}`;
          expect(painted(tween(Shim, from, to, factor)), label).to.equal(
            painted(tween(Library, from, to, factor)),
          );
        }
      }
    }
  });

  it('asks the browser about a colour once, however many frames parse it, and only so many colours', () => {
    const fillStyle = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'fillStyle')!;
    const asked: unknown[] = [];
    Object.defineProperty(CanvasRenderingContext2D.prototype, 'fillStyle', {
      ...fillStyle,
      set(value: unknown) {
        asked.push(value);
        fillStyle.set!.call(this, value);
      },
    });
    try {
      for (let frame = 0; frame < 5; frame++) {
        expect(new Shim('oklch(0.55 0.15 145)').valid).to.equal(false);
        expect(new Shim('peru').hexString()).to.equal('#cd853f');
        expect(new Shim('#1d4aff').hexString()).to.equal('#1d4aff');
      }
      expect(asked).to.deep.equal(['oklch(0.55 0.15 145)', 'peru']);
      // A stream of new colours does not grow the memory without end: the oldest are forgotten.
      for (let i = 0; i < 1000; i++) new Shim(`hsl(${i / 10}, 50%, 50%)`);
      asked.length = 0;
      new Shim('peru');
      expect(asked).to.deep.equal(['peru']);
    } finally {
      Object.defineProperty(CanvasRenderingContext2D.prototype, 'fillStyle', fillStyle);
    }
  });

  it('returns a Color passed to it, as the library does', () => {
    const color = new Shim('#123456');
    expect(new Shim(color)).to.equal(color);
  });

  it('can fail: a different colour does not paint the same', () => {
    expect(painted(hover(Shim, '#1d4aff'))).not.to.equal(painted(hover(Library, '#c2410c')));
  });
});
