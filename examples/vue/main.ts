import { createApp, ref } from 'vue';
import 'ph-embed/define';
import type { PhLoadEvent, TrendsSeries } from 'ph-embed';

const app = createApp({
  setup() {
    const range = ref('-7d');
    const total = ref<number | null>();
    const onLoad = (e: PhLoadEvent) => (total.value = (e.data.results as TrendsSeries[])[0]?.count);
    return { range, total, onLoad };
  },
  template: `
    <select aria-label="Date range" v-model="range">
      <option value="-7d">Last 7 days</option>
      <option value="-30d">Last 30 days</option>
    </select>
    <ph-endpoint-chart name="daily_active_users" :variables.prop="{ date_from: range }" @ph-load="onLoad" />
    <p role="status">Total: {{ total ?? '…' }}</p>`,
});
// ph-* tags are custom elements, not Vue components: without this Vue warns it cannot resolve them.
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('ph-');
app.mount('#app');
