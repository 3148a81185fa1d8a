// @vitest-environment node
// "New session" is a valid session for the session library (one empty audio track at the demo's
// rate, tempo and metre), and an imported file's track name comes from the file's. Needs the
// build's engine.wasm (staged into web/dist by the web_app target).
import { beforeAll, expect, test } from 'vitest';

import { SessionModel } from '../../src/main/audio/session-model';
import { trackNameOf } from '../../src/main/import/import-audio';
import { emptySessionDocument } from '../../src/main/sessions/empty-session';
import { builtEngineAndDemo } from './built-files';

let engine: WebAssembly.Module;
beforeAll(async () => {
  ({ engine } = await builtEngineAndDemo());
});

test('a new session loads: one empty audio track, 120 bpm, 4/4, 48 kHz; its saved form reads back the same', () => {
  const model = new SessionModel(engine, new TextEncoder().encode(emptySessionDocument()));
  const document = model.document;
  expect(document.tracks.map((t) => [t.id, t.name, t.kind, (t as { clips?: unknown[] }).clips])).toEqual([['audio-1', 'Audio 1', 'audio', []]]);
  expect([document.tempo, document.timeSignature, document.sampleRate]).toEqual([120, { numerator: 4, denominator: 4 }, 48000]);
  expect(new SessionModel(engine, new TextEncoder().encode(model.sessionText)).sessionText).toBe(model.sessionText);
});

test('fresh ids for several objects of one batch never collide', () => {
  const model = new SessionModel(engine, new TextEncoder().encode(emptySessionDocument()));
  const first = model.freshId('audio');
  expect(first).toBe('audio-2');
  expect(model.freshId('audio', [first])).toBe('audio-3');
});

test('track names from file names', () => {
  expect(trackNameOf('kick drum.wav')).toBe('kick drum');
  expect(trackNameOf('take.2.final.flac')).toBe('take.2.final');
  expect(trackNameOf('.wav')).toBe('.wav');
  expect(trackNameOf('   .mp3')).toBe('Audio');
  expect(new TextEncoder().encode(trackNameOf(`${'é'.repeat(300)}.ogg`)).length).toBeLessThanOrEqual(256);
});
