import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * CDN build only: cuts code out of chart.js's dist modules that the kit's charts can never run,
 * to keep the bundle inside its 80 KB budget (DESIGN.md section 10). Safe because the kit
 * exposes no chart.js options: `seriesChartConfig` (src/controllers/series-chart.ts) builds
 * every chart's config and `chart-registry.ts` is the only module that registers anything.
 *
 * Each trim names a region by exact text: `from` must occur exactly once in its file, the region
 * runs to the first `to` after it, and the region's SHA-256 must match. So a chart.js upgrade
 * that changes, moves or duplicates any trimmed code fails the build instead of missing silently,
 * and so does any other version than the one these trims were checked against.
 */

/** The chart.js version the trims below were read against (major.minor; patches may differ). */
const CHARTJS_VERSION = '4.6';

interface Trim {
  /** A file under chart.js's `dist/`. */
  readonly file: 'chart.js' | 'chunks/index.js';
  /** What is cut, for messages. */
  readonly name: string;
  /** Exact text that opens the region; it must occur exactly once in the file. */
  readonly from: string;
  /** Exact text that closes the region: its first occurrence after `from`. */
  readonly to: string;
  /** First 16 hex digits of the SHA-256 of the whole region, `from` and `to` included. */
  readonly sha256: string;
  /** What the region becomes. */
  readonly replacement: string;
}

const TRIMS: readonly Trim[] = [
  {
    // Every chart animates with chart.js's default easing, `easeOutQuart`: series-chart.ts sets
    // `animation` to `false` or `{ duration: 300 }`, never an `easing`. chart.js itself names only
    // that one and `linear` (a hide transition, and the fallback for an unknown name).
    file: 'chunks/index.js',
    name: 'easing functions other than easeOutQuart and linear',
    from: 'const effects = {\n',
    to: '\n};\n',
    sha256: '58fa33cffbc8dbe0',
    replacement:
      'const effects = {\n    linear: (t)=>t,\n    easeOutQuart: (t)=>-((t -= 1) * t * t * t - 1)\n};\n',
  },
  {
    // Points are circles: series-chart.ts sets no `pointStyle` (chart.js's default is 'circle')
    // and no `rotation`. The only caller left is PointElement's `drawPoint(ctx, options, x, y)`,
    // with no legend width: chart-registry.ts registers neither the Legend nor the Tooltip plugin.
    file: 'chunks/index.js',
    name: 'point styles other than circles',
    from: 'function drawPointLegend(ctx, options, x, y, w) {\n',
    to: '\n}\n',
    sha256: 'cb9001a917ef1aa0',
    replacement: [
      'function drawPointLegend(ctx, options, x, y) {',
      '    const radius = options.radius;',
      '    if (isNaN(radius) || radius <= 0) return;',
      '    ctx.beginPath();',
      '    ctx.arc(x, y, radius, 0, TAU);',
      '    ctx.closePath();',
      '    ctx.fill();',
      '    if (options.borderWidth > 0) ctx.stroke();',
      '}\n',
    ].join('\n'),
  },
  {
    // Lines are straight: series-chart.ts sets `tension: 0` on every line dataset and never
    // `cubicInterpolationMode: 'monotone'` or `stepped`, so no bezier control points are computed.
    file: 'chart.js',
    name: 'spline control points',
    from: '    updateControlPoints(chartArea, indexAxis) {\n',
    to: '\n    }\n',
    sha256: 'c08c2036a1db19e9',
    replacement: '    updateControlPoints() {}\n',
  },
  {
    // Same options as above (`tension: 0`, no `stepped`, no monotone mode): segments are straight.
    file: 'chart.js',
    name: 'curved and stepped line segments',
    from: ' function getLineMethod(options) {\n',
    to: '\n}\n',
    sha256: '4ee64430fb0bd20c',
    replacement: 'function getLineMethod() {\n    return lineTo;\n}\n',
  },
  {
    // Same options again; `interpolate` is only called by the Filler and Tooltip plugins, which
    // chart-registry.ts does not register (area-fill.ts fills without it).
    file: 'chart.js',
    name: 'curved and stepped interpolation',
    from: ' function _getInterpolationMethod(options) {\n',
    to: '\n}\n',
    sha256: '7b36a478b6687357',
    replacement: 'function _getInterpolationMethod() {\n    return _pointInLine;\n}\n',
  },
  {
    // Decimation runs only with `algorithm: 'min-max'` (series-chart.ts, `plugins.decimation`).
    file: 'chart.js',
    name: 'the LTTB decimation algorithm',
    from: '            switch(options.algorithm){\n',
    to: '\n            }\n',
    sha256: 'ac09940251ab6816',
    replacement: '            decimated = minMaxDecimation(data, start, count, availableWidth);\n',
  },
  {
    // No axis shows a title: the scales in series-chart.ts set no `title`, and chart.js's default
    // is `display: false`, so a scale's `drawTitle` returns at once (its title height, also 0, is
    // left: trimming it saves under 30 bytes). The Legend's and Tooltip's `drawTitle` are not this one.
    file: 'chart.js',
    name: 'axis titles',
    from: ' drawTitle() {\n        const { ctx , options: { position , title , reverse  }  } = this;\n',
    to: '\n    }\n',
    sha256: '3ea83ffcc48e0ac8',
    replacement: ' drawTitle() {}\n',
  },
];

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

function fail(message: string): never {
  throw new Error(`chartjs-trim: ${message}`);
}

function applyTrims(code: string, trims: readonly Trim[]): string {
  let result = code;
  for (const trim of trims) {
    const where = `dist/${trim.file}, ${trim.name}`;
    const start = result.indexOf(trim.from);
    if (start < 0) fail(`${where}: the opening text was not found.`);
    if (result.indexOf(trim.from, start + 1) >= 0) fail(`${where}: the opening text occurs more than once.`);
    const end = result.indexOf(trim.to, start + trim.from.length);
    if (end < 0) fail(`${where}: the closing text was not found.`);
    const region = result.slice(start, end + trim.to.length);
    if (hash(region) !== trim.sha256) {
      fail(
        `${where}: the region's text changed (sha256 ${hash(region)}, expected ${trim.sha256}). ` +
          'Re-read it, check the reason in scripts/vite-chartjs-trim.ts still holds, then update the trim.',
      );
    }
    result = result.slice(0, start) + trim.replacement + result.slice(end + trim.to.length);
  }
  return result;
}

/** The Vite plugin; add it to the CDN build only (the npm build leaves chart.js to the user). */
export function chartjsTrim(): Plugin {
  const files = new Set(TRIMS.map((trim) => trim.file));
  const seen = new Set<string>();
  return {
    name: 'ph-embed:chartjs-trim',
    transform(code, id) {
      const match = /^(.*[\\/]node_modules[\\/]chart\.js)[\\/]dist[\\/](.+)$/.exec(id.split('?')[0]!);
      const file = match?.[2]?.replaceAll('\\', '/');
      if (!match || !file || !files.has(file as Trim['file'])) return null;
      const { version } = JSON.parse(readFileSync(join(match[1]!, 'package.json'), 'utf8')) as {
        version: string;
      };
      if (!version.startsWith(`${CHARTJS_VERSION}.`)) {
        fail(
          `the trims were written for chart.js ${CHARTJS_VERSION}.x, found ${version}; re-check each one.`,
        );
      }
      seen.add(file);
      return {
        code: applyTrims(
          code,
          TRIMS.filter((trim) => trim.file === file),
        ),
        map: null,
      };
    },
    buildEnd(error) {
      const missed = [...files].filter((file) => !seen.has(file));
      if (!error && missed.length > 0)
        fail(`chart.js's ${missed.join(', ')} never passed through the build.`);
    },
  };
}
