// The internal tools page: the same elements, with a token that may run every endpoint and locks no
// variable, and a form that sets the variables every table runs with.
import '../src/define.js';
import type { PhEndpointProvider } from '../src/index.js';
import { demoToken } from './demo-token.js';

const provider = document.getElementById('internal') as PhEndpointProvider;
const form = document.getElementById('variables') as HTMLFormElement;
const orgInput = document.getElementById('org-id') as HTMLInputElement;

provider.tokenProvider = () => demoToken({ scope: 'internal' });

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const orgId = orgInput.value.trim();
  // Empty means every organisation: events_table takes a null org_id as "no filter".
  provider.variables = { org_id: orgId === '' ? null : orgId };
});
