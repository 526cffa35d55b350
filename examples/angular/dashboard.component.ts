// Angular standalone component with signals (Angular 17+). The example around it runs Angular 21
// without zone.js (main.ts), and test/e2e/frameworks.test.ts builds it and runs it in Chromium.
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'ph-embed/define';
import type { PhLoadEvent, TrendsSeries } from 'ph-embed';

@Component({
  selector: 'app-dashboard',
  standalone: true,
  // Lets the template use ph-* tags; Angular then binds `[x]` to the element's property `x`.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <select #picker aria-label="Date range" (change)="range.set(picker.value)">
      <option value="-7d">Last 7 days</option>
      <option value="-30d">Last 30 days</option>
    </select>
    <ph-endpoint-chart
      name="daily_active_users"
      [variables]="{ date_from: range() }"
      (ph-load)="onLoad($event)"
    ></ph-endpoint-chart>
    <p role="status">Total: {{ total() ?? '…' }}</p>
  `,
})
export class DashboardComponent {
  readonly range = signal('-7d');
  readonly total = signal<number | null | undefined>(undefined);

  onLoad(event: Event) {
    this.total.set(((event as PhLoadEvent).data.results as TrendsSeries[])[0]?.count);
  }
}
