// The customer dashboard: one import registers every ph-* tag, exactly as the CDN script would; the rest
// wires the page's controls to the providers.
import '../src/define.js';
import type { PhEndpointProvider } from '../src/index.js';
import type { ErrorBody } from '../src/data/types.js';
import { demoToken } from './demo-token.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const dashboard = byId<PhEndpointProvider>('dashboard');
const tenantScope = byId<PhEndpointProvider>('tenant-scope');
const productScope = byId<PhEndpointProvider>('product-scope');
const tenantSelect = byId<HTMLSelectElement>('tenant');
const refusal = byId<HTMLOutputElement>('refusal');

/** The workspace's tiles get a token locking `org_id` to it; a new provider function re-runs them. */
function useTenant(tenant: string): void {
  tenantScope.tokenProvider = () => demoToken({ tenant });
  byId('tenant-label').textContent = tenantSelect.selectedOptions[0]?.text ?? tenant;
  refusal.textContent = '';
}

useTenant(tenantSelect.value);
// The insights are product-wide (they take no org_id), so their token locks nothing and need not change.
productScope.tokenProvider = () => demoToken({ tenant: tenantSelect.value, scope: 'product' });

tenantSelect.addEventListener('change', () => useTenant(tenantSelect.value));

// Every insight takes date_from (GET /v1/endpoints lists it); the workspace's SQL tiles do not, so the
// range is set on the insights' provider only.
byId<HTMLSelectElement>('date-range').addEventListener('change', (event) => {
  const dateFrom = (event.target as HTMLSelectElement).value;
  productScope.variables = dateFrom ? { date_from: dateFrom } : undefined;
});

byId<HTMLSelectElement>('locale').addEventListener('change', (event) => {
  const locale = (event.target as HTMLSelectElement).value;
  dashboard.locale = locale;
  document.documentElement.lang = locale;
});

byId<HTMLInputElement>('dark').addEventListener('change', (event) => {
  const theme = (event.target as HTMLInputElement).checked ? 'dark' : 'light';
  dashboard.theme = theme;
  document.documentElement.dataset['theme'] = theme;
});

// What a curious (or malicious) customer would try: edit the request to read another workspace.
byId<HTMLButtonElement>('try-other-tenant').addEventListener('click', async () => {
  const tenant = tenantSelect.value;
  const other = [...tenantSelect.options].map((option) => option.value).find((value) => value !== tenant);
  refusal.className = '';
  refusal.textContent = `Asking for ${other}'s top pages with ${tenant}'s token…`;
  const response = await fetch('/v1/endpoints/top_pages/run', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await demoToken({ tenant })}` },
    body: JSON.stringify({ variables: { org_id: other } }),
  });
  if (response.ok) {
    refusal.textContent = `The proxy answered ${response.status}: that should not happen.`;
    return;
  }
  const { error } = (await response.json()) as ErrorBody;
  refusal.className = 'refused';
  refusal.textContent = `Refused by the proxy: ${response.status} ${error.code}. ${error.message}`;
});
