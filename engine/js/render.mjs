#!/usr/bin/env node
// node engine/js/render.mjs SESSION.json -o OUT.wav [--engine engine.wasm] [--plugins DIR]
//                           [--decoded DIR] [--start FRAME] [--end FRAME]
// Renders a session with engine.wasm and the plugin .wasm files under Node, to a 32-bit float
// WAV. The only Node-specific part of the host: reading and writing files.
//   --engine   engine.wasm (default: build/wasm/engine/engine.wasm of this repository)
//   --plugins  folder of plugin .wasm files: id "studio.wasm.<name>" is <name>.wasm, any other
//              id <id>.wasm (default: build/wasm/plugins). The factory plugins ("studio.wasm.")
//              are trusted: up to TRUSTED_MODULE_SHARING of their inserts share one
//              WebAssembly.Instance; any other plugin gets one per insert (EW-2)
//   --decoded  folder with a WAV decode of each source at <source path>.wav, for sources that
//              are not WAV (the browser host uses decodeAudioData instead); default: the
//              sources themselves, next to the session, which must then be WAV
//   --start/--end  the range in frames (default: 0 to the last clip's end plus 2 s)
// Exit status: 0 written, 1 plugins faulted or a file failed, 2 usage or invalid session.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { factoryPluginName, renderSession } from './session_render.mjs';
import { TRUSTED_MODULE_SHARING } from './wsp_plugins.mjs';
import { decodeWav, encodeWav } from './wav.mjs';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArguments(argv) {
  const options = {
    engine: join(repository, 'build/wasm/engine/engine.wasm'),
    plugins: join(repository, 'build/wasm/plugins'),
  };
  const valued = { '-o': 'output', '--engine': 'engine', '--plugins': 'plugins', '--decoded': 'decoded', '--start': 'start', '--end': 'end' };
  for (let i = 0; i < argv.length; ++i) {
    const name = valued[argv[i]];
    if (name !== undefined) {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      options[name] = argv[++i];
    } else if (options.session === undefined && !argv[i].startsWith('-')) {
      options.session = argv[i];
    } else {
      throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (options.session === undefined || options.output === undefined) throw new Error('give SESSION.json and -o OUT.wav');
  for (const frame of ['start', 'end']) {
    if (options[frame] !== undefined) options[frame] = Number.parseInt(options[frame], 10);
  }
  return options;
}

function compile(file) {
  return new WebAssembly.Module(readFileSync(file));
}

function arrayBufferOf(file) {
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`render.mjs: ${error.message}\nusage: node render.mjs SESSION.json -o OUT.wav [--engine F] [--plugins DIR] [--decoded DIR] [--start N] [--end N]\n`);
    return 2;
  }
  const sessionFolder = dirname(resolve(options.session));
  const pluginFile = (ref) => join(options.plugins, `${factoryPluginName(ref) ?? ref.id}.wasm`);
  const sourceFile = (key) => (options.decoded ? join(options.decoded, `${key}.wav`) : join(sessionFolder, key));
  const result = renderSession({
    engineModule: compile(options.engine),
    sessionText: readFileSync(options.session, 'utf8'),
    pluginModule: (ref) => compile(pluginFile(ref)),
    sharing: (ref) => (factoryPluginName(ref) !== null ? TRUSTED_MODULE_SHARING : 1),
    source: (key) => decodeWav(arrayBufferOf(sourceFile(key))),
    start: options.start,
    end: options.end,
  });
  if (result.errors) {
    process.stderr.write(`render.mjs: ${options.session} is not a valid session:\n`);
    for (const e of result.errors) process.stderr.write(`  ${e.path ? `${e.path}: ` : ''}${e.message}\n`);
    return 2;
  }
  for (const warning of result.warnings) process.stderr.write(`render.mjs: warning: ${warning}\n`);
  for (const f of result.faults) {
    process.stderr.write(`render.mjs: ${f.track} slot ${f.slot} (insert "${f.insert}"): ${f.kind}: ${f.message}\n`);
  }
  writeFileSync(options.output, new Uint8Array(encodeWav([result.left, result.right], result.sampleRate, 'float32')));
  process.stdout.write(`${options.output}: ${result.left.length} frames at ${result.sampleRate} Hz\n`);
  return result.faults.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`render.mjs: ${error.message}\n`);
  process.exitCode = 1;
}
