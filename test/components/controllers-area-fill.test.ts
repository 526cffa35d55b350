import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { areaFill } from '../../src/controllers/area-fill.js';
import { Chart } from '../../src/controllers/chart-registry.js';
import type { ChartDataset } from 'chart.js';

type Dataset = ChartDataset<'line', Array<number | null>> & { areaFill?: 'origin' | 'stack' | false };

/** A 200×100 chart without axes or animation, so pixels map straight to values (0..20 on y). */
async function draw(datasets: Dataset[], stacked = false) {
  const canvas = await fixture<HTMLCanvasElement>(html`<canvas width="200" height="100"></canvas>`);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { labels: ['a', 'b', 'c', 'd', 'e'], datasets },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: 0 },
      scales: {
        x: { display: false, offset: false },
        y: { display: false, min: 0, max: 20, stacked },
      },
    },
    plugins: [areaFill],
  });
  const pixel = (x: number, value: number) => {
    const y = Math.round(chart.scales['y']!.getPixelForValue(value));
    const [r, g, b, a] = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data;
    return a === 0 ? 'none' : `${r},${g},${b}`;
  };
  return { chart, pixel };
}

const line = (data: Array<number | null>, color: string, areaFill: Dataset['areaFill']): Dataset => ({
  data,
  areaFill,
  backgroundColor: color,
  borderColor: color,
  borderWidth: 0,
  pointRadius: 0,
});

describe('areaFill chart.js plugin', () => {
  it('fills between a line and zero, and nothing above the line', async () => {
    const { pixel, chart } = await draw([line([10, 10, 10, 10, 10], 'rgb(255, 0, 0)', 'origin')]);
    expect(pixel(100, 5)).to.equal('255,0,0');
    expect(pixel(100, 15)).to.equal('none');
    chart.destroy();
  });

  it('leaves lines without areaFill unfilled', async () => {
    const { pixel, chart } = await draw([line([10, 10, 10, 10, 10], 'rgb(255, 0, 0)', false)]);
    expect(pixel(100, 5)).to.equal('none');
    chart.destroy();
  });

  it('stacks filled areas on the one below', async () => {
    const { pixel, chart } = await draw(
      [line([6, 6, 6, 6, 6], 'rgb(255, 0, 0)', 'stack'), line([6, 6, 6, 6, 6], 'rgb(0, 0, 255)', 'stack')],
      true,
    );
    expect(pixel(100, 3)).to.equal('255,0,0');
    expect(pixel(100, 9)).to.equal('0,0,255');
    expect(pixel(100, 15)).to.equal('none');
    // A hidden area leaves the next one standing on zero.
    chart.setDatasetVisibility(0, false);
    chart.update();
    expect(pixel(100, 3)).to.equal('0,0,255');
    chart.destroy();
  });

  it('breaks the fill at gaps', async () => {
    const { pixel, chart } = await draw([line([10, 10, null, 10, 10], 'rgb(255, 0, 0)', 'origin')]);
    expect(pixel(25, 5)).to.equal('255,0,0');
    expect(pixel(100, 5)).to.equal('none');
    expect(pixel(175, 5)).to.equal('255,0,0');
    chart.destroy();
  });
});
