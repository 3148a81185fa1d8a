// The studio's web app: `npm run build` writes web/dist, which `vaist serve` serves (the build's
// web_app target also copies engine.wasm, the factory plugins and the demo session into it:
// scripts/stage-engine-files.mjs). The engine's AudioWorklet is bundled on its own (with the
// JavaScript host from engine/js) at a stable, unhashed path, worklet/engine-processor.js; the
// export's Worker (src/workers/) like any other hashed asset.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        entryFileNames: (chunk) => (chunk.name === 'engine-processor' ? 'worklet/[name].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
  },
});
