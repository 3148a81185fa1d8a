// The browser test's harness page (index.html, worklet-harness.ts), built on its own by
// `node web/scripts/build.mjs harness --out DIR` and served by the test under /harness/.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  base: '/harness/',
  build: { target: 'es2022', emptyOutDir: true },
  worker: { format: 'es' },
});
