// Malformed session JSON through engine.wasm gives the session loader's error list and never
// aborts (EW-11). The messages are the ones session/tests/hostile_input_test.cpp asserts for the
// native build of the same loader.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EngineHost } from '../engine_host.mjs';
import { engineModule, sessionJson, track } from './engine_test_support.mjs';

const engine = new EngineHost(engineModule());
const errorsOf = (text) => {
  const loaded = engine.loadSession(text);
  assert.equal(loaded.ok, false);
  return loaded.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
};
const withMember = (key, valueText) => `{"format": "wasm-studio-session", "version": 1, "${key}": ${valueText}}`;

test('EW-11: text that is not JSON', () => {
  for (const text of ['', '{', 'nonsense', '{"format": }', '[1, 2,]']) {
    const errors = errorsOf(text);
    assert.equal(errors.length, 1, text);
    assert.ok(errors[0].startsWith('not valid JSON: '), errors[0]);
  }
});

test('EW-11: hostile documents', () => {
  assert.deepEqual(errorsOf('[1, 2, 3]'), ['not a WASM Studio session: the document is not a JSON object']);
  assert.ok(errorsOf(withMember('tempo', '1e999'))[0].startsWith('not valid JSON: number overflow'));
  assert.deepEqual(errorsOf('{"format": "wasm-studio-session", "version": 1, "tempo": 90, "tempo": 100}'),
                   ['not valid JSON: duplicate key "tempo" in an object']);
  assert.deepEqual(errorsOf('['.repeat(1000000)), ['the document nests deeper than 64 levels']);
  const invalidUtf8 = new Uint8Array([...new TextEncoder().encode('{"format": "wasm-studio-session", "version": 1, "x": "'), 0xc3, 0x28, 0x22, 0x7d]);
  const errors = errorsOf(invalidUtf8);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].startsWith('not valid JSON: '), errors[0]);
});

test('EW-11: wrong types and rule violations are listed with their JSON paths', () => {
  const session = JSON.parse(sessionJson([track('a', []), track('a', [])]));
  session.tempo = 'fast';
  session.tracks[0].volumeDb = 'loud';
  const errors = errorsOf(JSON.stringify(session));
  assert.ok(errors.some((e) => e.startsWith('tempo: ')), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('tracks[0].volumeDb: ')), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('tracks[1].id: duplicate id "a"')), errors.join('\n'));
});

test('EW-11: after any number of bad documents the engine still loads a good one', () => {
  for (let i = 0; i < 50; ++i) errorsOf('{"format": "wasm-studio-session", "version": 1, "tracks": [');
  assert.deepEqual(engine.loadSession(sessionJson([track('a', [])])), { ok: true, errors: [] });
});
