import { expect, fixture } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { sendKeys } from '@web/test-runner-commands';
import { legendStyles, renderLegend } from '../../src/controllers/chart-legend.js';
import { hostStyles } from '../../src/styles/host.styles.js';
import type { LegendItem } from '../../src/controllers/chart-legend.js';

/** The smallest host of the shared legend: it owns the hidden keys, as views do. */
class TestLegendHost extends LitElement {
  static override styles = [hostStyles, legendStyles];
  @property({ attribute: false }) items: LegendItem[] = [];
  @property({ attribute: false }) off = new Set<number>();
  toggled: number[] = [];
  protected override render() {
    const items = this.items.map((item) => ({ ...item, hidden: this.off.has(item.key) }));
    return renderLegend(
      items,
      (key) => {
        this.toggled.push(key);
        const next = new Set(this.off);
        if (!next.delete(key)) next.add(key);
        this.off = next;
      },
      'Series shown',
    );
  }
}
customElements.define('test-legend-host', TestLegendHost);

const item = (key: number, extra: Partial<LegendItem> = {}): LegendItem => ({
  key,
  name: `Series ${key}`,
  color: '#1d4aff',
  hidden: false,
  ...extra,
});

async function legend(items: LegendItem[]) {
  const el = await fixture<TestLegendHost>(
    html`<test-legend-host style="width: 300px" .items=${items}></test-legend-host>`,
  );
  const buttons = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
  return { el, buttons };
}

describe('shared HTML legend', () => {
  it('renders a labelled group of toggle buttons with swatches and values', async () => {
    const { el, buttons } = await legend([
      item(0),
      item(3, { dash: [6, 4], color: '#c2410c' }),
      item(5, { shape: 'box', value: '1,234' }),
    ]);
    const group = el.shadowRoot!.querySelector('[part="legend"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(group.getAttribute('aria-label')).to.equal('Series shown');
    expect(
      buttons().map((b) => [b.textContent!.replace(/\s+/g, ' ').trim(), b.getAttribute('aria-pressed')]),
    ).to.deep.equal([
      ['Series 0', 'true'],
      ['Series 3', 'true'],
      ['Series 5 1,234', 'true'],
    ]);
    const lines = [...el.shadowRoot!.querySelectorAll('line')];
    expect(lines.map((l) => [getComputedStyle(l).stroke, l.getAttribute('stroke-dasharray')])).to.deep.equal([
      ['rgb(29, 74, 255)', null],
      ['rgb(194, 65, 12)', '6 4'],
    ]);
    expect(el.shadowRoot!.querySelector<HTMLElement>('.swatch.box')!.style.background).to.equal(
      'rgb(29, 74, 255)',
    );
    await expect(el).to.be.accessible();
  });

  it('toggles by click and by keyboard, reporting the key', async () => {
    const { el, buttons } = await legend([item(0), item(7)]);
    buttons()[1]!.click();
    await el.updateComplete;
    expect(buttons()[1]!.getAttribute('aria-pressed')).to.equal('false');
    buttons()[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.toggled).to.deep.equal([7, 0, 7]);
    expect(buttons().map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true']);
  });

  it('scrolls a long list instead of growing', async () => {
    const { el, buttons } = await legend(Array.from({ length: 60 }, (_, i) => item(i)));
    const group = el.shadowRoot!.querySelector<HTMLElement>('[part="legend"]')!;
    expect(buttons()).to.have.length(60);
    expect(group.scrollHeight).to.be.greaterThan(group.clientHeight);
    expect(group.clientHeight).to.be.lessThan(100);
    el.style.setProperty('--ph-legend-max-height', '200px');
    expect(group.clientHeight).to.be.greaterThan(150);
  });

  it('renders nothing for no series', async () => {
    const { el } = await legend([]);
    expect(el.shadowRoot!.querySelector('[part="legend"]')).to.equal(null);
  });
});
