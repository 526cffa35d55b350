/**
 * Stands in for chart.js's colour library (`@kurkle/color`) in the CDN build only: vite.config.ts
 * aliases it there, which saves about 3 KB gzip, mostly the library's table of colour names.
 * chart.js calls it in two places, both covered here: the hover colour it derives for a dataset
 * that sets none (`saturate(0.5).darken(0.1).hexString()`) and the colour tween of its animations
 * (`valid`, `mix(other, weight).hexString()`). Parsing goes through the browser instead of a
 * table: anything CSS accepts as a colour reads as the rgba bytes a canvas would paint it with.
 * Colours a canvas can only write outside hex and `rgba()` (`oklch()`, `color-mix()`) are invalid,
 * as they are for the library, and chart.js then draws them unmixed. Tested against the library
 * in test/components/chart-color.test.ts.
 */

/**
 * Red, green, blue and alpha, each 0..255 (alpha on the byte scale, like the library). Read-only:
 * parsed values are cached and shared between colours.
 */
type Rgba = readonly [number, number, number, number];

const byte = (value: number): number => Math.max(0, Math.min(255, (value + 0.5) | 0));
/** Alpha as the library exposes it: a fraction rounded to hundredths. */
const fraction = (alphaByte: number): number => Math.max(0, Math.min(1, byte(alphaByte / 2.55) / 100));

const HEX = /^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i;
const RGB = /^rgba?\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i;

/** `#rgb[a]`, `#rrggbb[aa]` and the comma form of `rgb[a]()`: what a canvas writes back. */
function parseCanvasForm(text: string): Rgba | undefined {
  const hex = HEX.exec(text)?.[1];
  if (hex) {
    const digits = hex.length < 5 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
    const [r = 0, g = 0, b = 0, a = 255] = digits.map((pair) => parseInt(pair, 16));
    return [r, g, b, a];
  }
  const rgb = RGB.exec(text);
  if (!rgb) return undefined;
  // Like the library: channels cut to whole bytes, alpha kept fractional until written out.
  const channel = (i: number): number => 255 & Math.min(+rgb[i]!, 255);
  const alpha = rgb[4] === undefined ? 255 : Math.min(+rgb[4] * 255, 255);
  return [channel(1), channel(2), channel(3), alpha];
}

let probe: CanvasRenderingContext2D | null | undefined;

/** What the browser made of each colour it was asked about, invalid ones included. */
const probed = new Map<string, Rgba | undefined>();
/** Far more colours than a page's charts use: the bound only stops a stream of unique ones growing it. */
const MAX_PROBED = 256;

/** A colour only the browser can read, painted on a canvas and read back in canvas form. */
function paint(text: string): Rgba | undefined {
  if (!CSS.supports('color', text)) return undefined;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return undefined;
  probe.fillStyle = text;
  const painted = parseCanvasForm(String(probe.fillStyle));
  // The library rounds the alpha of the forms it parses itself (hsl(), percentages).
  return painted && [painted[0], painted[1], painted[2], byte(painted[3])];
}

function parse(input: unknown): Rgba | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  const direct = parseCanvasForm(text);
  if (direct || typeof document === 'undefined') return direct;
  // chart.js parses every animated colour on every frame: ask the browser once per colour, as
  // each ask sets a canvas's fillStyle (an `oklch()` token would otherwise do so each frame).
  if (probed.has(text)) return probed.get(text);
  const painted = paint(text);
  probed.set(text, painted);
  if (probed.size > MAX_PROBED) probed.delete(probed.keys().next().value!);
  return painted;
}

/** Hue in whole degrees (rounded as the library does), saturation and lightness as fractions. */
function toHsl([r, g, b]: Rgba): [number, number, number] {
  const [rf, gf, bf] = [r / 255, g / 255, b / 255];
  const max = Math.max(rf, gf, bf);
  const min = Math.min(rf, gf, bf);
  const lightness = (max + min) / 2;
  if (max === min) return [0, 0, lightness];
  const range = max - min;
  const saturation = lightness > 0.5 ? range / (2 - max - min) : range / (max + min);
  const sector =
    max === rf
      ? (gf - bf) / range + (gf < bf ? 6 : 0)
      : max === gf
        ? (bf - rf) / range + 2
        : (rf - gf) / range + 4;
  return [(sector * 60 + 0.5) | 0, saturation, lightness];
}

function fromHsl(hue: number, saturation: number, lightness: number): [number, number, number] {
  const chroma = saturation * Math.min(lightness, 1 - lightness);
  const channel = (offset: number): number => {
    const k = (offset + hue / 30) % 12;
    return byte((lightness - chroma * Math.max(Math.min(k - 3, 9 - k, 1), -1)) * 255);
  };
  return [channel(0), channel(8), channel(4)];
}

export class Color {
  private _rgba: Rgba | undefined;

  constructor(input: unknown) {
    if (input instanceof Color) return input;
    this._rgba = parse(input);
  }

  get valid(): boolean {
    return this._rgba !== undefined;
  }

  /** `#rrggbb`, with a fourth byte when not opaque; undefined for an invalid colour. */
  hexString(): string | undefined {
    const rgba = this._rgba;
    if (!rgba) return undefined;
    const bytes = rgba[3] === 255 ? rgba.slice(0, 3) : rgba;
    return '#' + bytes.map((value) => (value & 255).toString(16).padStart(2, '0')).join('');
  }

  /** This colour moved `weight` of the way to itself from `other` (Sass's mix, alpha-aware). */
  mix(other: Color | undefined, weight = 0.5): this {
    const mine = this._rgba;
    const theirs = other?._rgba;
    if (!mine || !theirs) return this;
    const w = 2 * weight - 1;
    const alphaDelta = fraction(mine[3]) - fraction(theirs[3]);
    const own = ((w * alphaDelta === -1 ? w : (w + alphaDelta) / (1 + w * alphaDelta)) + 1) / 2;
    const channel = (i: number): number => 255 & (own * mine[i]! + (1 - own) * theirs[i]! + 0.5);
    const alpha = weight * fraction(mine[3]) + (1 - weight) * fraction(theirs[3]);
    this._rgba = [channel(0), channel(1), channel(2), byte(alpha * 255)];
    return this;
  }

  saturate(ratio: number): this {
    return this._scaleHsl(1, ratio);
  }

  darken(ratio: number): this {
    return this._scaleHsl(2, -ratio);
  }

  private _scaleHsl(index: 1 | 2, ratio: number): this {
    const rgba = this._rgba;
    if (!rgba) return this;
    const hsl = toHsl(rgba);
    hsl[index] = Math.max(0, Math.min(hsl[index] + hsl[index] * ratio, 1));
    this._rgba = [...fromHsl(...hsl), rgba[3]];
    return this;
  }
}
