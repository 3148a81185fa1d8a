// What the browser benchmarks share: their command-line options and the studio served by
// `vaist serve` to headless Chromium (the browser tests' fixture, with the build's paths as
// defaults: --vaist build/cli/vaist, --web web/dist, --harness build/web/harness, --chromium).
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openStudio } from '../tests/browser/browser-fixture.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function benchOption(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

// `harness`: serve the browser tests' harness page too, under /harness/.
export function openBenchStudio({ harness = false } = {}) {
  return openStudio((webRoot) => {
    if (harness) cpSync(resolve(benchOption('--harness', join(repo, 'build', 'web', 'harness'))), join(webRoot, 'harness'), { recursive: true });
  }, {
    webDist: resolve(benchOption('--web', join(repo, 'web', 'dist'))),
    vaist: resolve(benchOption('--vaist', join(repo, 'build', 'cli', 'vaist'))),
    chromium: benchOption('--chromium', '/usr/bin/chromium'),
  });
}
