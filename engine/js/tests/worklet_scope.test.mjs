// The host runs in Chromium's AudioWorkletGlobalScope, which has no TextDecoder, TextEncoder or
// performance: this file takes them away before the host is loaded, as that scope does, then
// drives it through everything that crosses a string (session errors, track ids, fault texts
// written by last_error) and renders. The fallback UTF-8 codec is checked against Node's own.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const NativeDecoder = globalThis.TextDecoder;
const NativeEncoder = globalThis.TextEncoder;
for (const name of ['TextDecoder', 'TextEncoder', 'performance']) {
  Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
}

// Loaded only now, so that no module of the host sees what the worklet scope lacks.
const { decodeUtf8, encodeUtf8, encodeUtf8Into } = await import('../utf8.mjs');
const { EngineHost, monotonicClock } = await import('../engine_host.mjs');
const support = await import('./engine_test_support.mjs');
const { FIXTURE_ID, FIXTURE_MISBEHAVE_PARAM, MISBEHAVE, engineModule, engineWith, factoryPlugin, fixturePlugin, insert,
  play, rms, sessionJson, track } = support;

test('the host loads and renders with no TextDecoder, TextEncoder or performance', () => {
  // The session text is encoded by the fallback (a name that is not ASCII), ids decoded by it.
  const bass = { ...track('bass', [insert('eq-1', 'studio.wasm.eq')]), name: 'Bass ä♪ 🎵' };
  const engine = engineWith(sessionJson([bass]), { eq: factoryPlugin('eq') });
  assert.deepEqual(engine.prepare(48000, 128, 0), []);
  assert.deepEqual(engine.trackIds(), ['bass']);
  const [left] = play(engine, 100, 128);
  assert.ok(rms(left, 6400) > 0.05);
});

test('session errors come back as text (UTF-8 decoded by the fallback)', () => {
  const engine = new EngineHost(engineModule());
  const loaded = engine.loadSession('{"format": "wasm-studio-session", "tempo": "fast ♩"}');
  assert.equal(loaded.ok, false);
  assert.ok(loaded.errors.length > 0 && loaded.errors.every((e) => typeof e.message === 'string' && e.message.length > 0));
});

test('a trapping plugin\'s error crosses last_error (encodeInto fallback) into the fault report', () => {
  const engine = engineWith(sessionJson([track('bad', [insert('fx', FIXTURE_ID, { [FIXTURE_MISBEHAVE_PARAM]: MISBEHAVE.unreachable })])]),
    { fixture: fixturePlugin() });
  engine.prepare(48000, 128, 0);
  play(engine, 4, 128);
  const faults = engine.faults();
  assert.equal(faults.length, 1);
  assert.match(faults[0].message, /Fixture.*unreachable/);
});

test('the clock without performance is Date.now() that never goes back', () => {
  const now = monotonicClock();
  const realNow = Date.now;
  try {
    Date.now = () => 1000;
    assert.equal(now(), 1000);
    Date.now = () => 500;  // the wall clock set back
    assert.equal(now(), 1000);
    Date.now = () => 1200;
    assert.equal(now(), 1200);
  } finally {
    Date.now = realNow;
  }
});

// Byte sequences the WHATWG tests single out: overlongs, surrogates, truncation, the maximal
// subpart rule, non-characters.
const SAMPLES = [
  [], [0x41], [0xc3, 0xa4], [0xe2, 0x99, 0xaa], [0xf0, 0x9f, 0x8e, 0xb5], [0x80], [0xbf, 0x41],
  [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf],
  [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80], [0xff], [0xe2, 0x99], [0xf0, 0x9f, 0x8e],
  [0xe2, 0x41, 0x99, 0xaa], [0xef, 0xbf, 0xbf], [0xf4, 0x8f, 0xbf, 0xbf], [0x61, 0xf1, 0x80, 0x80, 0xe1, 0x80, 0xc2, 0x62],
];

test('the fallback decoder decodes like TextDecoder, replacement characters included', () => {
  const native = new NativeDecoder('utf-8');
  for (const sample of SAMPLES) {
    const bytes = Uint8Array.from(sample);
    assert.equal(decodeUtf8(bytes), native.decode(bytes), `bytes ${sample.map((b) => b.toString(16))}`);
  }
  const random = new Uint8Array(20000);
  let seed = 12345;
  for (let i = 0; i < random.length; ++i) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    random[i] = seed >>> 24;
  }
  assert.equal(decodeUtf8(random), native.decode(random));
});

test('the fallback encoder encodes like TextEncoder and encodeInto writes whole characters only', () => {
  const native = new NativeEncoder();
  for (const text of ['', 'plain', 'Tür ♪ 🎵', '\ud800 lone', 'lone \udfff', '\ud83c\udfb5\ud83c']) {
    assert.deepEqual(encodeUtf8(text), native.encode(text), text);
    for (const capacity of [0, 1, 2, 3, 5, 8]) {
      const ours = new Uint8Array(capacity);
      const theirs = new Uint8Array(capacity);
      assert.deepEqual(encodeUtf8Into(text, ours), native.encodeInto(text, theirs), `${text} into ${capacity}`);
      assert.deepEqual(ours, theirs);
    }
  }
});
