// The browser tests' harness page (index.html), built by the test itself into the folder the
// server it starts serves: `vite build --config tests/browser/harness/vite.config.ts --outDir DIR`.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/harness/',
  build: { target: 'es2022', emptyOutDir: true },
  worker: { format: 'es' },
});
