#!/usr/bin/env node
// node engine/bench/plugin_cache_lines.mjs [--plugins DIR] [--only a,b]
// How many 64-byte lines of its own memory one wsp_process call of each factory plugin touches
// (128-frame stereo block, default parameters, the third block after activate), by region:
//   data   static data (the module's data segments: constants, tables, descriptor)
//   stack  the shadow stack (below the initial stack pointer, above the data)
//   heap   the instance's state (malloc'd by the SDK)
//   io     the plugin's input and output buffers
// In a session hundreds of instances run in turn, each with its own memory, so nearly every
// line a call touches is a cache miss; natively, static data and the stack are shared by all
// instances and stay hot. V8 reports every access with --trace-wasm-memory (Liftoff code), so
// this runs itself again under those flags, one child per plugin.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { WSP_HOST_MODULE, WSP_OK, WSP_PORT_INPUT, WSP_PORT_OUTPUT } from '../js/generated/wsp_boundary.mjs';
import { selectedPlugins } from './bench_options.mjs';

const BLOCK = 128;
const LINE = 64;

// The child: `blocks` blocks of a sine through the plugin, nothing else on stdout (V8's trace
// goes there). The parent runs it for 2 and for 3 blocks: execution is deterministic, so the
// third call's accesses are the trace lines the longer run has beyond the shorter one's.
if (process.argv[2] === '--child') {
  const x = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(process.argv[3])),
                                     { [WSP_HOST_MODULE]: { log() {} } }).exports;
  x._initialize?.();
  const h = x.wsp_create();
  if (x.wsp_activate(h, 48000, BLOCK) !== WSP_OK) throw new Error('activate failed');
  const io = [WSP_PORT_INPUT, WSP_PORT_OUTPUT].flatMap((port) => [0, 1].map((c) => x.wsp_audio_buffer(h, port, c)));
  process.stderr.write(`${io.join(' ')}\n`);
  for (let b = 0; b < Number(process.argv[4]); ++b) {
    for (const address of io.slice(0, 2)) {
      if (address === 0) continue;
      const view = new Float32Array(x.memory.buffer, address, BLOCK);
      for (let i = 0; i < BLOCK; ++i) view[i] = 0.25 * Math.sin(0.1 * i + b);
    }
    x.wsp_process(h, BLOCK, 0);
  }
  process.exit(0);
}

// LEB128 readers over the module bytes.
function reader(bytes) {
  let at = 0;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  };
  const i32 = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && (byte & 0x40) ? result | (-1 << shift) : result;
  };
  return { u32, i32, skip: (n) => { at += n; }, get at() { return at; }, set at(v) { at = v; } };
}

// The initial stack pointer (clang's __stack_pointer is global 0, an i32.const) and the end of
// the active data segments.
function layout(bytes) {
  const r = reader(bytes);
  r.at = 8;
  let stackTop = 0;
  let dataEnd = 0;
  while (r.at < bytes.length) {
    const id = bytes[r.at++];
    const size = r.u32();
    const end = r.at + size;
    if (id === 6 && r.u32() > 0) {         // global section: the first global's init
      r.skip(2);                            // value type, mutability
      if (bytes[r.at++] === 0x41) stackTop = r.i32();
    } else if (id === 11) {                 // data section
      for (let n = r.u32(); n > 0; --n) {
        const kind = r.u32();
        if (kind === 1) {                   // passive: no address
          r.skip(r.u32());
          continue;
        }
        if (kind === 2) r.u32();            // explicit memory index
        const offset = bytes[r.at++] === 0x41 ? r.i32() : 0;
        r.skip(1);                          // end
        const length = r.u32();
        r.skip(length);
        dataEnd = Math.max(dataEnd, offset + length);
      }
    }
    r.at = end;
  }
  return { stackTop, dataEnd };
}

// The trace lines (loads and stores) of a child run of `blocks` blocks, and the I/O buffers.
function traced(file, blocks) {
  const child = spawnSync(process.execPath,
                          ['--trace-wasm-memory', '--liftoff', '--no-wasm-tier-up',
                           fileURLToPath(import.meta.url), '--child', file, String(blocks)],
                          { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (child.status !== 0) throw new Error(`${file}: ${child.stderr}`);
  const accesses = child.stdout.split('\n').filter((line) => /(load from|store to) \d+/.test(line));
  return { accesses, io: child.stderr.trim().split(' ').map(Number).filter((a) => a > 0) };
}

function linesPerCall(file) {
  const { stackTop, dataEnd } = layout(readFileSync(file));
  const before = traced(file, 2);
  const { accesses, io } = traced(file, 3);
  const regions = { data: new Set(), stack: new Set(), heap: new Set(), io: new Set() };
  for (const line of accesses.slice(before.accesses.length)) {
    const m = /(?:load from|store to) (\d+) val: +(\w+)/.exec(line);
    const address = Number(m[1]);
    const bytes = { i8: 1, i16: 2, i32: 4, f32: 4, i64: 8, f64: 8, s128: 16 }[m[2]] ?? 4;
    const region = io.some((a) => address >= a && address < a + 4 * BLOCK) ? 'io'
      : address < dataEnd ? 'data' : address < stackTop ? 'stack' : 'heap';
    for (let l = Math.floor(address / LINE); l <= Math.floor((address + bytes - 1) / LINE); ++l) regions[region].add(l);
  }
  return Object.fromEntries(Object.entries(regions).map(([k, v]) => [k, v.size]));
}

process.stdout.write('64-byte lines one wsp_process call touches (128 frames, default parameters)\n');
process.stdout.write('plugin         data  stack   heap     io  total\n');
for (const { name, file } of selectedPlugins()) {
  const n = linesPerCall(file);
  const total = n.data + n.stack + n.heap + n.io;
  process.stdout.write(`${name.padEnd(12)} ${[n.data, n.stack, n.heap, n.io, total].map((v) => String(v).padStart(6)).join(' ')}\n`);
}
