import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fakeProxy } from './test/helpers/fake-proxy.mjs';

// Debian's Chromium: no test tool can download a browser on these machines (TOOLCHAIN.md).
const chromium = chromeLauncher({
  launchOptions: {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
});

export default {
  files: 'test/components/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' })],
  browsers: [chromium],
  // FetchClient's tests talk HTTP to a fake proxy under /__proxy on the test server itself.
  middleware: [fakeProxy],
  testFramework: { config: { timeout: 10000 } },
};
