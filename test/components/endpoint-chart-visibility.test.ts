import { expect, html } from '@open-wc/testing';
import '../../src/define.js';
import { FakeClient } from '../helpers/fake-client.js';
import { loaded, mountChart } from '../helpers/endpoint-chart-harness.js';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';

interface ObserverLog {
  /** How many observers are watching something right now. */
  readonly active: number;
  readonly made: number;
  uninstall(): void;
}

/** Logs every IntersectionObserver made while installed, and whether it still observes. */
function logObservers(): ObserverLog {
  const original = window.IntersectionObserver;
  const entries: Array<{ observing: number }> = [];
  window.IntersectionObserver = class extends original {
    private readonly _entry = { observing: 0 };
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      super(callback, options);
      entries.push(this._entry);
    }
    override observe(target: Element): void {
      this._entry.observing += 1;
      super.observe(target);
    }
    override disconnect(): void {
      this._entry.observing = 0;
      super.disconnect();
    }
  };
  return {
    get active() {
      return entries.filter((entry) => entry.observing > 0).length;
    },
    get made() {
      return entries.length;
    },
    uninstall: () => void (window.IntersectionObserver = original),
  };
}

interface ListenerLog {
  added: number;
  removed: number;
  uninstall(): void;
}

/** Counts the document's `visibilitychange` listeners added and removed while installed. */
function logListeners(): ListenerLog {
  const add = document.addEventListener;
  const remove = document.removeEventListener;
  const log: ListenerLog = {
    added: 0,
    removed: 0,
    uninstall: () => {
      document.addEventListener = add;
      document.removeEventListener = remove;
    },
  };
  document.addEventListener = function (this: Document, ...args: Parameters<Document['addEventListener']>) {
    if (args[0] === 'visibilitychange') log.added += 1;
    return add.apply(this, args);
  } as Document['addEventListener'];
  document.removeEventListener = function (
    this: Document,
    ...args: Parameters<Document['removeEventListener']>
  ) {
    if (args[0] === 'visibilitychange') log.removed += 1;
    return remove.apply(this, args);
  } as Document['removeEventListener'];
  return log;
}

describe('<ph-endpoint-chart> visibility observers', () => {
  let observers: ObserverLog;
  let listeners: ListenerLog;
  beforeEach(() => {
    observers = logObservers();
    listeners = logListeners();
  });
  afterEach(() => {
    observers.uninstall();
    listeners.uninstall();
  });

  it('watches nothing of the viewport for an eager element that does not poll', async () => {
    const element = mountChart(new FakeClient());
    await loaded(element);
    expect(observers.made).to.equal(0);
    expect(listeners.added).to.equal(1);
  });

  it('watches the viewport while lazy until the first fetch, and while polling', async () => {
    const element = mountChart(
      new FakeClient(),
      html`<ph-endpoint-chart name="daily_active_users" loading="lazy"></ph-endpoint-chart>`,
    );
    expect(observers.active).to.equal(1);
    await loaded(element);
    expect(observers.active).to.equal(0);

    element.refreshInterval = 60;
    await element.updateComplete;
    expect(observers.active).to.equal(1);
    element.refreshInterval = undefined;
    await element.updateComplete;
    expect(observers.active).to.equal(0);
  });

  it('disconnects its observers when removed and observes again when put back', async () => {
    const element = mountChart(
      new FakeClient(),
      html`<ph-endpoint-chart name="daily_active_users" refresh-interval="60"></ph-endpoint-chart>`,
    ) as PhEndpointChart;
    await loaded(element);
    const parent = element.parentElement!;
    expect([observers.active, listeners.added, listeners.removed]).to.deep.equal([1, 1, 0]);

    element.remove();
    expect([observers.active, listeners.removed]).to.deep.equal([0, 1]);

    parent.append(element);
    expect([observers.active, listeners.added]).to.deep.equal([1, 2]);
  });
});
