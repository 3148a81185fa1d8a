#!/usr/bin/env node
// node web/bench/export_bench.mjs [--runs 7] [--format pcm24|pcm16|float32]
//   [--vaist build/cli/vaist] [--web web/dist] [--chromium /usr/bin/chromium]
// The studio's export speed: `vaist serve` serves the built app, headless Chromium opens /studio
// (the demo session, as shipped), and "Export mix" is pressed `runs` times in the same page (the
// modules stay compiled, the sources decoded, as for a user exporting again); each run is timed
// from the click to the download (a fresh worker: engine and plugins instantiated, the render,
// the WAV encoded). Prints each run and the median and minimum, as times real time.
import { benchOption, openBenchStudio } from './bench_studio.mjs';

const runs = Number(benchOption('--runs', '7'));
const format = benchOption('--format', 'pcm24');
const studio = await openBenchStudio();
const { browser, origin } = studio;
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/studio`);
  const exportMix = page.getByRole('group', { name: 'Export mix' });
  const button = exportMix.getByRole('button', { name: 'Export mix' });
  await button.waitFor({ timeout: 60000 });
  await exportMix.getByLabel('Format').selectOption(format);
  const factors = [];
  let seconds = 0;
  for (let run = 0; run < runs; ++run) {
    // In the page: when the first progress above 0 shows (the worker has started its engine and
    // rendered a chunk), after the click.
    await page.evaluate(() => {
      const marks = { click: 0, firstChunk: 0 };
      window.exportMarks = marks;
      document.querySelector('[role="group"][aria-label="Export mix"] button').addEventListener('click', () => { marks.click = performance.now(); }, { once: true, capture: true });
      const observer = new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (marks.firstChunk === 0 && bar !== null && Number(bar.getAttribute('aria-valuenow')) > 0) {
          marks.firstChunk = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const downloaded = page.waitForEvent('download');
    const started = performance.now();
    await button.click();
    await downloaded;
    const elapsed = (performance.now() - started) / 1000;
    const marks = await page.evaluate(() => window.exportMarks);
    const valueText = await exportMix.getByRole('progressbar').getAttribute('aria-valuetext');
    seconds = Number(/of ([0-9.]+) s/.exec(valueText)[1]);
    factors.push(seconds / elapsed);
    console.log(`run ${run + 1}: ${(elapsed * 1000).toFixed(0)} ms for ${seconds} s of audio, ${(seconds / elapsed).toFixed(1)}x real time `
      + `(click to first chunk ${(marks.firstChunk - marks.click).toFixed(0)} ms)`);
  }
  const sorted = [...factors].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`export of the demo (${seconds} s, ${format}), ${runs} runs: median ${median.toFixed(1)}x real time, minimum ${sorted[0].toFixed(1)}x`);
} finally {
  await studio.close();
}
