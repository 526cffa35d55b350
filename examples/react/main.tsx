import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'ph-embed/define';
import type { PhLoadEvent, TrendsSeries } from 'ph-embed';
// The ph-* tags in TSX, with their properties and onph-* events (types only).
import type {} from 'ph-embed/react';

function Dashboard() {
  const [range, setRange] = useState('-7d');
  const [total, setTotal] = useState<number | null>();
  return (
    <main>
      <select aria-label="Date range" value={range} onChange={(e) => setRange(e.target.value)}>
        <option value="-7d">Last 7 days</option>
        <option value="-30d">Last 30 days</option>
      </select>
      {/* React 19 sets `variables` as a property (an object), and `onph-load` listens for `ph-load`. */}
      <ph-endpoint-chart
        name="daily_active_users"
        variables={{ date_from: range }}
        onph-load={(e: PhLoadEvent) => setTotal((e.data.results as TrendsSeries[])[0]?.count)}
      />
      <p role="status">Total: {total ?? '…'}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Dashboard />);
