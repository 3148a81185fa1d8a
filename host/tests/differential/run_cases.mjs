// Runs a WebAssembly module's test cases in V8 (Node), for the translator's differential tests
// (differential_harness.cpp runs the same cases in the sandbox and compares).
//
//   node run_cases.mjs module.wasm cases.txt results.txt [bytes]
//
// cases.txt: one case per line, "export arg0 arg1 ..." (i32 arguments). For each, the export is
// called on one shared instance, then the first `bytes` (default 32) bytes of memory are written
// as hex, or "trap" if the call threw a WebAssembly.RuntimeError.
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, casesPath, resultsPath, bytesArg] = process.argv.slice(2);
const bytes = Number(bytesArg ?? 32);
const module = new WebAssembly.Module(readFileSync(wasmPath));
const instance = new WebAssembly.Instance(module, {});
const memory = instance.exports.memory;
const out = [];
for (const line of readFileSync(casesPath, 'utf8').split('\n')) {
  if (line.length === 0) continue;
  const [name, ...args] = line.split(' ');
  try {
    instance.exports[name](...args.map(Number));
    const view = new Uint8Array(memory.buffer, 0, bytes);
    out.push(Buffer.from(view).toString('hex'));
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    out.push('trap');
  }
}
writeFileSync(resultsPath, out.join('\n') + '\n');
