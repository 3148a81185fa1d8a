// The benchmark inside the browser: engine_bench_run.mjs on modules fetched from the server of
// engine_browser_bench.mjs, timed by performance.now() (the page is cross-origin isolated, so
// its resolution is 5 us; each measurement spans a second or more).
import { decodeWav } from '../../js/wav.mjs';
import {
  BLOCKS, REPORT_HEADER, SESSIONS, leastTimePerBlock, playingEngine, pluginNames, reportLine,
} from '../engine_bench_run.mjs';

const bytes = async (path) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.arrayBuffer();
};

onmessage = async (event) => {
  const seconds = Number(event.data.seconds);
  const repetitions = Number(event.data.repetitions);
  const sharing = Number(event.data.sharing);
  try {
    const engineModule = await WebAssembly.compile(await bytes('/files/engine.wasm'));
    const noise = decodeWav(await bytes('/files/session/noise.wav'));
    const lines = [`engine.wasm in ${sharing} insert(s) per plugin instance: ${seconds} s x ${repetitions}, minimum wall time`, REPORT_HEADER];
    for (const [label, file] of SESSIONS) {
      const sessionText = new TextDecoder().decode(await bytes(`/files/session/${file}`));
      const modules = new Map();
      for (const name of pluginNames(sessionText)) modules.set(name, await WebAssembly.compile(await bytes(`/files/plugins/${name}.wasm`)));
      for (const block of BLOCKS) {
        const engine = playingEngine({ engineModule, sessionText, modules, noise, block, sharing });
        const microseconds = leastTimePerBlock(engine, block, { seconds, repetitions, clock: () => performance.now() * 1000 });
        lines.push(reportLine(label, block, microseconds));
      }
    }
    postMessage(lines.join('\n'));
  } catch (error) {
    postMessage(`error: ${error.stack ?? error}`);
  }
};
