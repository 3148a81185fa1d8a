// The boundary is written once (abi/boundary.json) and every copy derived from it: these tests
// compare the built copies with each other and run the generator on altered tables and headers.
// ctest names the built artifacts (abi/tests/CMakeLists.txt).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const abi = join(dirname(fileURLToPath(import.meta.url)), '..');
const TABLE = join(abi, 'boundary.json');
const HEADER = join(abi, 'include/wsp/wsp_plugin.h');
const GENERATOR = join(abi, 'generate_boundary.mjs');
const SERVED_MODULE = join(abi, '../engine/js/generated/wsp_boundary.mjs');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through ctest`);
  return value;
}

// Runs the generator; { status, stderr, files: { name: text } } of what it wrote to a fresh
// directory.
function generate(table, header = readFileSync(HEADER, 'utf8')) {
  const dir = mkdtempSync(join(tmpdir(), 'boundary-'));
  try {
    writeFileSync(join(dir, 'boundary.json'), JSON.stringify(table));
    writeFileSync(join(dir, 'wsp_plugin.h'), header);
    const run = spawnSync(process.execPath, [GENERATOR, '--table', join(dir, 'boundary.json'),
      '--header', join(dir, 'wsp_plugin.h'), '--cpp', join(dir, 'cpp'), '--js', join(dir, 'js')], { encoding: 'utf8' });
    const files = {};
    if (run.status === 0) {
      for (const [name, path] of [['hpp', 'cpp/wstudio/boundary/boundary.hpp'], ['imports', 'cpp/wstudio/boundary/plugin_imports.hpp'],
                                  ['mjs', 'js/wsp_boundary.mjs'], ['dts', 'js/wsp_boundary.d.mts']]) {
        files[name] = readFileSync(join(dir, path), 'utf8');
      }
    }
    return { status: run.status, stderr: run.stderr, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const table = () => JSON.parse(readFileSync(TABLE, 'utf8'));

// Compiles boundary.hpp as the build does (against the real wsp_plugin.h): '' or the errors.
function compileAgainstHeader(boundaryHpp) {
  const dir = mkdtempSync(join(tmpdir(), 'boundary-compile-'));
  try {
    const include = join(dir, 'include');
    mkdirSync(join(include, 'wstudio/boundary'), { recursive: true });
    writeFileSync(join(include, 'wstudio/boundary/boundary.hpp'), boundaryHpp);
    writeFileSync(join(dir, 'use.cpp'), '#include "wstudio/boundary/boundary.hpp"\nint main() { return 0; }\n');
    const run = spawnSync(required('WSTUDIO_CXX'), ['-std=c++20', '-fsyntax-only', '-Werror', `-I${include}`,
      `-I${required('WSTUDIO_ABI_INCLUDE')}`, join(dir, 'use.cpp')], { encoding: 'utf8' });
    return run.status === 0 ? '' : run.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the JavaScript module has the values the C++ side compiled', async () => {
  const cpp = JSON.parse(execFileSync(required('WSTUDIO_BOUNDARY_DUMP'), { encoding: 'utf8' }));
  const js = await import(pathToFileURL(required('WSTUDIO_BOUNDARY_MJS')).href);
  assert.ok(Object.keys(cpp.constants).length >= 20);
  for (const [name, value] of Object.entries(cpp.constants)) assert.equal(js[name], value, name);
  assert.deepEqual({ ok: js.CALL_OK, trapped: js.CALL_TRAPPED, failed: js.CALL_FAILED }, cpp.status);
  assert.equal(js.PLUGIN_IMPORTS_MODULE, cpp.importsModule);
  assert.equal(js.PLUGIN_IMPORTS_VERSION, cpp.importsVersion);
  assert.deepEqual(Object.values(js.FAULT_NAMES), cpp.faults);
});

test('engine/js imports the module this build generated', () => {
  assert.equal(readFileSync(SERVED_MODULE, 'utf8'), readFileSync(required('WSTUDIO_BOUNDARY_MJS'), 'utf8'));
});

test('one import status vocabulary: the same codes for every import, ok 0 and the others negative', async () => {
  const js = await import(pathToFileURL(required('WSTUDIO_BOUNDARY_MJS')).href);
  assert.equal(js.CALL_OK, 0);
  assert.ok(js.CALL_TRAPPED < 0 && js.CALL_FAILED < 0 && js.CALL_TRAPPED !== js.CALL_FAILED);
  const positive = table();
  positive.engineImports.status.codes.find((c) => c.name === 'trapped').value = 1;
  const run = generate(positive);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /status trapped: ok is 0, every other code negative/);
});

test('a status code or constant changed in the table changes every C++ and JavaScript copy', () => {
  const before = generate(table());
  assert.equal(before.status, 0, before.stderr);
  const changed = table();
  changed.engineImports.status.codes.find((c) => c.name === 'trapped').value = -7;
  changed.engineImports.version = 99;
  changed.faults.kinds.find((k) => k.name === 'Runaway').text = 'out of fuel';
  const after = generate(changed);
  assert.equal(after.status, 0, after.stderr);
  assert.match(after.files.hpp, /kCallTrapped = -7,/);
  assert.match(after.files.hpp, /kPluginImportsVersion = 99;/);
  assert.match(after.files.hpp, /case Fault::Runaway: return "out of fuel";/);
  assert.match(after.files.mjs, /export const CALL_TRAPPED = -7;/);
  assert.match(after.files.mjs, /export const PLUGIN_IMPORTS_VERSION = 99;/);
  assert.match(after.files.mjs, /"Runaway":"out of fuel"/);
  assert.match(after.files.dts, /CALL_TRAPPED: -7;/);
  assert.match(after.files.imports, /version 99/);
  for (const name of ['hpp', 'mjs', 'dts']) assert.notEqual(after.files[name], before.files[name], name);
});

test('the generated header compiles against wsp_plugin.h, and fails to when a value or signature drifted', () => {
  assert.equal(compileAgainstHeader(generate(table()).files.hpp), '');
  const value = table();
  value.plugin.constants.find((c) => c.name === 'WSP_MAX_BLOCK_FRAMES').value = 8192;
  assert.match(compileAgainstHeader(generate(value).files.hpp), /WSP_MAX_BLOCK_FRAMES differs from abi\/boundary.json/);
  const signature = table();
  signature.plugin.exports.find((f) => f.name === 'wsp_process').params[2][1] = 'int32_t';
  assert.match(compileAgainstHeader(generate(signature).files.hpp), /wsp_process's signature differs from abi\/boundary.json/);
});

test('the generator refuses a table naming other constants or functions than wsp_plugin.h', () => {
  const missingExport = table();
  missingExport.plugin.exports = missingExport.plugin.exports.filter((f) => f.name !== 'wsp_tail');
  let run = generate(missingExport);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /wsp_plugin.h declares wsp_tail, the table does not list it/);

  const header = readFileSync(HEADER, 'utf8');
  run = generate(table(), header.replace('#define WSP_MAX_CHANNELS 8u', '#define WSP_MAX_CHANNELS 8u\n#define WSP_MAX_PORTS 2u'));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /wsp_plugin.h defines WSP_MAX_PORTS, the table does not list it/);

  run = generate(table(), header.replace('uint32_t wsp_tail(wsp_instance* instance);', ''));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /the table lists wsp_tail, wsp_plugin.h does not declare it/);
});
