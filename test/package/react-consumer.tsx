// React 19 TSX against the installed package: the tags, their properties and typed onph-* events come from
// `ph-embed/react` alone (no declaration in the app). Compiled by test/e2e/package.test.ts.
import type {} from 'ph-embed/react';

export const tile = (
  <ph-endpoint-provider theme="dark">
    <ph-endpoint-chart
      name="daily_active_users"
      variables={{ date_from: '-7d' }}
      onph-load={(event) => console.log(event.data.results)}
      onph-error={(event) => console.warn(event.error.message)}
    />
  </ph-endpoint-provider>
);
