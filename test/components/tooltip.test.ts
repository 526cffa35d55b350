import { expect, fixture } from '@open-wc/testing';
import { css, html, LitElement } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { ChartTooltipController, tooltipStyles } from '../../src/controllers/chart-tooltip.js';
import { hostStyles } from '../../src/styles/host.styles.js';

const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Ten points in a row, 20px apart, each with three series rows: what the controller needs, nothing else. */
class TestTooltipHost extends LitElement {
  static override styles = [
    hostStyles,
    tooltipStyles,
    css`
      .region {
        position: relative;
        width: 200px;
        height: 100px;
      }
    `,
  ];
  points = 10;
  activated: Array<[number, number]> = [];
  highlighted: Array<number | undefined> = [];
  readonly tip = new ChartTooltipController(this, {
    length: () => this.points,
    content: (index) => ({
      title: `Point ${index}`,
      rows: [0, 1, 2].map((key) => ({ key, name: `S${key}`, color: 'red', value: String(index * 10 + key) })),
    }),
    anchor: (index) => ({ x: index * 20, y: 10, width: 200 }),
    pointAt: (event) => {
      const x = event.clientX - this.renderRoot.querySelector('.region')!.getBoundingClientRect().left;
      return x >= 0 && x < 200 ? { index: Math.floor(x / 20), key: 2 } : undefined;
    },
    activate: (index, key) => this.activated.push([index, key]),
    highlight: (point) => this.highlighted.push(point?.index),
  });
  protected override render() {
    const tip = this.tip;
    return html`<div
      class="region"
      tabindex="0"
      @keydown=${tip.onKeyDown}
      @pointermove=${tip.onPointerMove}
      @pointerleave=${tip.onPointerLeave}
      @focusout=${tip.onFocusOut}
      @click=${tip.onClick}
    >
      ${tip.render()}
    </div>`;
  }
}
customElements.define('test-tooltip-host', TestTooltipHost);

async function host() {
  const el = await fixture<TestTooltipHost>(html`<test-tooltip-host></test-tooltip-host>`);
  const region = el.shadowRoot!.querySelector<HTMLElement>('.region')!;
  const press = async (...keys: string[]) => {
    if (el.shadowRoot!.activeElement !== region) region.focus();
    for (const key of keys) {
      await sendKeys({ press: key });
      await el.updateComplete;
    }
  };
  const shown = () => {
    const tooltip = el.shadowRoot!.querySelector<HTMLElement>('[part="tooltip"]');
    return tooltip
      ? {
          title: plain(tooltip.querySelector('.tooltip-title')?.textContent),
          active: plain(tooltip.querySelector('[data-active]')?.textContent),
          left: tooltip.style.left,
          flipped: tooltip.style.transform.includes('-100%'),
        }
      : undefined;
  };
  const spoken = () => plain(el.shadowRoot!.querySelector('[role="status"]')?.textContent);
  const pointer = (type: string, x: number) => {
    const box = region.getBoundingClientRect();
    region.dispatchEvent(
      new PointerEvent(type, { clientX: box.left + x, clientY: box.top + 5, bubbles: true }),
    );
    return el.updateComplete;
  };
  return { el, region, press, shown, spoken, pointer };
}

describe('shared HTML tooltip controller', () => {
  it('follows the arrow keys, Home and End, and says where it is', async () => {
    const { press, shown, spoken, el } = await host();
    expect(shown()).to.equal(undefined);
    await press('ArrowRight');
    expect(shown()).to.deep.equal({ title: 'Point 0', active: 'S0 0', left: '0px', flipped: false });
    expect(spoken()).to.equal('Point 0. S0: 0 (1/3)');
    await press('End');
    expect(shown()).to.deep.equal({ title: 'Point 9', active: 'S0 90', left: '180px', flipped: true });
    await press('ArrowLeft', 'ArrowUp');
    expect(shown()!.active).to.equal('S2 82');
    await press('Home');
    expect(shown()!.active).to.equal('S2 2');
    expect(el.highlighted).to.deep.equal([0, 9, 8, 8, 0]);
  });

  it('activates on Enter and Space, and hides on Escape and blur', async () => {
    const { press, shown, spoken, el, region } = await host();
    await press('Enter');
    expect(el.activated).to.deep.equal([]);
    await press('ArrowRight', 'ArrowRight', 'ArrowDown', 'Enter', ' ');
    expect(el.activated).to.deep.equal([
      [1, 1],
      [1, 1],
    ]);
    await press('Escape');
    expect(shown()).to.equal(undefined);
    expect(spoken()).to.equal('');
    await press('ArrowRight');
    region.blur();
    await el.updateComplete;
    expect(shown()).to.equal(undefined);
  });

  it('shows the point under the pointer without speaking, and activates the row under it on click', async () => {
    const { pointer, shown, spoken, el } = await host();
    await pointer('pointermove', 65);
    expect(shown()).to.deep.equal({ title: 'Point 3', active: 'S2 32', left: '60px', flipped: false });
    expect(spoken()).to.equal('');
    await pointer('click', 125);
    expect(el.activated).to.deep.equal([[6, 2]]);
    await pointer('pointerleave', 0);
    expect(shown()).to.equal(undefined);
  });

  it('hides when the points go away', async () => {
    const { press, shown, el } = await host();
    await press('End');
    el.points = 3;
    el.requestUpdate();
    await el.updateComplete;
    expect(shown()).to.equal(undefined);
    await press('ArrowLeft');
    expect(shown()!.title).to.equal('Point 2');
  });

  it('is accessible while shown', async () => {
    const { press, el } = await host();
    await press('ArrowRight');
    await expect(el).to.be.accessible();
  });
});
