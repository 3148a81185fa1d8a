// Session operations through engine.wasm (docs/session-ops.md, docs/engine-wasm.md): the browser
// applies, refuses, undoes and redoes edits with the same C++ as the server (OPS-1), and the
// engine plays the edited session after the next prepare().
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EngineHost } from '../engine_host.mjs';
import { RATE, engineModule, engineWith, play, rms, sessionJson, track } from './engine_test_support.mjs';

const batch = (ops, baseRevision) => ({ format: 'wasm-studio-ops', version: 1, ...(baseRevision === undefined ? {} : { baseRevision }), ops });

test('OPS-1: a batch is applied by the session library and answered with its inverse', () => {
  const engine = engineWith(sessionJson([track('a', []), track('b', [])]));
  const original = engine.sessionText();
  const result = engine.applyOps(batch([
    { op: 'tempo.set', bpm: 90 },
    { op: 'track.update', id: 'a', set: { volumeDb: -6, name: 'Lead' } },
    { op: 'track.remove', id: 'b' },
  ], 0));
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.revision, 1);
  assert.deepEqual(result.inverse.map((op) => op.op), ['track.add', 'track.update', 'tempo.set']);
  const edited = JSON.parse(engine.sessionText());
  assert.equal(edited.tempo, 90);
  assert.deepEqual(edited.tracks.map((t) => [t.id, t.name, t.volumeDb]), [['a', 'Lead', -6]]);

  assert.equal(engine.undo().ok, true);
  assert.equal(engine.sessionText(), original);
  assert.equal(engine.redo().revision, 3);
  assert.equal(JSON.parse(engine.sessionText()).tempo, 90);
});

test('OPS-4/OPS-8: refused operations change nothing and say why, with paths', () => {
  const engine = engineWith(sessionJson([track('a', [])]));
  const before = engine.sessionText();
  assert.deepEqual(engine.applyOps(batch([{ op: 'tempo.set', bpm: 100 }, { op: 'track.update', id: 'a', set: { volumeDb: 40 } }])),
                   { ok: false, op: 1, errors: [{ path: 'tracks[0].volumeDb', message: 'must be between -96 and 12' }] });
  assert.deepEqual(engine.applyOps(batch([{ op: 'track.explode', id: 'a' }])).errors[0].path, 'ops[0].op');
  assert.deepEqual(engine.applyOps(batch([{ op: 'tempo.set', bpm: 100 }], 5)),
                   { ok: false, errors: [{ path: 'baseRevision', message: 'the session has moved on to revision 0 (batch made at 5)' }] });
  const broken = engine.applyOps('{"format": "wasm-studio-ops", "version": 1, "ops": [');
  assert.equal(broken.ok, false);
  assert.ok(broken.errors[0].message.startsWith('not valid JSON: '), broken.errors[0].message);
  assert.deepEqual(engine.undo(), { ok: false, errors: [{ path: '', message: 'nothing to undo' }] });
  assert.equal(engine.sessionText(), before);
});

test('OPS-1: without a session there is nothing to apply', () => {
  const engine = new EngineHost(engineModule());
  assert.deepEqual(engine.applyOps(batch([{ op: 'tempo.set', bpm: 100 }])),
                   { ok: false, errors: [{ path: '', message: 'no session loaded' }] });
  assert.equal(engine.sessionText(), '');
});

test('the engine plays the edited session after prepare()', () => {
  const engine = engineWith(sessionJson([track('a', [])]));
  engine.prepare(RATE, 128);
  const loud = play(engine, 40, 128);
  assert.ok(rms(loud[0], 2560) > 0.05);
  assert.equal(engine.applyOps(batch([{ op: 'track.update', id: 'a', set: { mute: true } }])).ok, true);
  engine.prepare(RATE, 128);
  const muted = play(engine, 80, 128);
  assert.ok(rms(muted[0], 128 * 60) < 1e-6, `rms ${rms(muted[0], 128 * 60)}`);
  assert.equal(engine.undo().ok, true);
  engine.prepare(RATE, 128);
  const back = play(engine, 80, 128);
  assert.ok(rms(back[0], 128 * 60) > 0.05);
});
