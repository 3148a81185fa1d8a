// Runs a WSP plugin .wasm in V8 (Node) on a script of blocks, for the translator's plugin
// differential test (translator_plugins_vs_v8_test.cpp does the same calls in the sandbox).
//
//   node run_plugin.mjs plugin.wasm script.bin output.bin
//
// script.bin (little-endian): u32 blocks, frames, inputs, outputs; then per block u32 event
// count, that many 32-byte wsp_event records, and inputs x frames f32 samples. output.bin:
// per block, outputs x frames f32 samples.
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, scriptPath, outputPath] = process.argv.slice(2);
const script = readFileSync(scriptPath);
const view = new DataView(script.buffer, script.byteOffset, script.byteLength);
let at = 0;
const u32 = () => { const v = view.getUint32(at, true); at += 4; return v; };
const [blocks, frames, inputs, outputs] = [u32(), u32(), u32(), u32()];

const module = new WebAssembly.Module(readFileSync(wasmPath));
const { exports: e } = new WebAssembly.Instance(module, { wsp_host: { log: () => {} } });
if (e._initialize) e._initialize();
const plugin = e.wsp_create();
if (e.wsp_activate(plugin, 48000, frames) !== 0) throw new Error('wsp_activate failed');
const inputAt = [...Array(inputs).keys()].map((c) => e.wsp_audio_buffer(plugin, 0, c));
const outputAt = [...Array(outputs).keys()].map((c) => e.wsp_audio_buffer(plugin, 1, c));
const eventsAt = e.wsp_event_buffer(plugin);
const blockBytes = frames * 4;
const out = Buffer.alloc(blocks * outputs * blockBytes);
for (let b = 0; b < blocks; ++b) {
  const events = u32();
  let memory = new Uint8Array(e.memory.buffer);
  memory.set(script.subarray(at, at + events * 32), eventsAt);
  at += events * 32;
  for (let c = 0; c < inputs; ++c, at += blockBytes) memory.set(script.subarray(at, at + blockBytes), inputAt[c]);
  if (e.wsp_process(plugin, frames, events) !== 0) throw new Error(`wsp_process failed in block ${b}`);
  memory = new Uint8Array(e.memory.buffer);  // memory may have grown
  for (let c = 0; c < outputs; ++c) {
    out.set(memory.subarray(outputAt[c], outputAt[c] + blockBytes), (b * outputs + c) * blockBytes);
  }
}
writeFileSync(outputPath, out);
