/**
 * The hand-written baseline: what a developer writes to draw the same twelve tiles with plain
 * chart.js and a little DOM code, no framework. It fetches each distinct question once (the tiles
 * that repeat share the answer, as ph-embed's client does), draws line and bar charts with
 * chart.js (legend and tooltips on, animation off), numbers as text and tables as HTML, then
 * records `window.__done` once everything is painted. Bundled by the runner with Vite.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  BarController,
  LineElement,
  BarElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Legend,
  Tooltip,
);

interface Series {
  label: string;
  data: Array<number | null>;
  days: string[];
  aggregated_value?: number;
  breakdown_value?: unknown;
}
interface Step {
  name: string;
  count: number;
  breakdown_value?: unknown;
}
interface Answer {
  kind: string;
  display?: string;
  results: unknown;
  columns?: string[];
}

const PALETTE = ['#1d4aff', '#c2410c', '#15803d', '#7e22ce', '#be123c', '#0e7490', '#a16207', '#4b5563'];
const numbers = new Intl.NumberFormat('en-US');
const answers = new Map<string, Promise<Answer>>();

function run(name: string, variables: Record<string, unknown>): Promise<Answer> {
  const body = JSON.stringify({ variables });
  const key = `${name} ${body}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = fetch(`/v1/endpoints/${name}/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).then((response) => response.json() as Promise<Answer>);
    answers.set(key, answer);
  }
  return answer;
}

function canvasIn(tile: HTMLElement): HTMLCanvasElement {
  const box = document.createElement('div');
  box.className = 'box';
  const canvas = document.createElement('canvas');
  box.append(canvas);
  tile.append(box);
  return canvas;
}

const baseOptions = { animation: false as const, responsive: true, maintainAspectRatio: false };

function drawTrends(tile: HTMLElement, answer: Answer): void {
  const series = answer.results as Series[];
  if (answer.display === 'BoldNumber') {
    const number = document.createElement('div');
    number.className = 'number';
    number.textContent = numbers.format(series[0]?.aggregated_value ?? 0);
    tile.append(number);
    return;
  }
  if (answer.display === 'ActionsBarValue') {
    new Chart(canvasIn(tile), {
      type: 'bar',
      data: {
        labels: series.map((s) => String(s.breakdown_value ?? s.label)),
        datasets: [
          { label: 'Total', data: series.map((s) => s.aggregated_value ?? 0), backgroundColor: PALETTE[0] },
        ],
      },
      options: { ...baseOptions, indexAxis: 'y' },
    });
    return;
  }
  new Chart(canvasIn(tile), {
    type: 'line',
    data: {
      labels: series[0]?.days ?? [],
      datasets: series.map((s, i) => ({
        label: String(s.breakdown_value ?? s.label),
        data: s.data,
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
      })),
    },
    options: baseOptions,
  });
}

function drawFunnel(tile: HTMLElement, answer: Answer): void {
  const results = answer.results as Step[] | Step[][];
  const groups = Array.isArray(results[0]) ? (results as Step[][]) : [results as Step[]];
  new Chart(canvasIn(tile), {
    type: 'bar',
    data: {
      labels: groups[0]!.map((step) => step.name),
      datasets: groups.map((steps, i) => ({
        label: String(steps[0]?.breakdown_value ?? 'All users'),
        data: steps.map((step) => step.count),
        backgroundColor: PALETTE[i % PALETTE.length],
      })),
    },
    options: baseOptions,
  });
}

function drawTable(tile: HTMLElement, header: string[], rows: string[][]): void {
  const scroll = document.createElement('div');
  scroll.className = 'scroll';
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const cell of header) head.append(Object.assign(document.createElement('th'), { textContent: cell }));
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = cell;
  }
  scroll.append(table);
  tile.append(scroll);
}

function drawRetention(tile: HTMLElement, answer: Answer): void {
  const cohorts = answer.results as Array<{ label: string; values: Array<{ count: number }> }>;
  const periods = Math.max(...cohorts.map((cohort) => cohort.values.length));
  const header = ['Cohort', ...Array.from({ length: periods }, (_, i) => `Day ${i}`)];
  const rows = cohorts.map((cohort) => {
    const size = cohort.values[0]?.count ?? 0;
    return [
      cohort.label,
      ...cohort.values.map((value) => (size ? `${Math.round((value.count / size) * 100)}%` : '—')),
    ];
  });
  drawTable(tile, header, rows);
}

function drawSql(tile: HTMLElement, answer: Answer): void {
  const rows = (answer.results as unknown[][]).map((row) =>
    row.map((cell) => (typeof cell === 'number' ? numbers.format(cell) : String(cell ?? ''))),
  );
  drawTable(tile, answer.columns ?? [], rows);
}

async function drawTile(tile: HTMLElement): Promise<void> {
  const answer = await run(tile.dataset['name']!, JSON.parse(tile.dataset['variables'] ?? '{}'));
  if (answer.kind === 'FunnelsQuery') drawFunnel(tile, answer);
  else if (answer.kind === 'RetentionQuery') drawRetention(tile, answer);
  else if (answer.kind === 'HogQLQuery') drawSql(tile, answer);
  else drawTrends(tile, answer);
}

const tiles = [...document.querySelectorAll<HTMLElement>('.tile')];
await Promise.all(tiles.map(drawTile));
await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
(window as { __drawn?: number; __done?: number }).__drawn = tiles.length;
(window as { __drawn?: number; __done?: number }).__done = performance.now();
