// What `import Dashboard from './Dashboard.svelte'` is to tsc (svelte-check knows it without this).
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component;
  export default component;
}
