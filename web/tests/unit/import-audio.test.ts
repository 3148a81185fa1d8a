// @vitest-environment node
// The import's edit on the real session library (engine.wasm, staged into web/dist by the
// web_app target) and the real database (fake-indexeddb): one new audio track per file with a
// clip at the start whose length in beats follows the duration and tempo, or the clips one after
// another on a given audio track from a beat; all in one batch that one undo takes back; the
// audio stored once by sha256 and handed to the engine before the edit; a file that does not
// decode, or a target that is not an audio track, changes nothing. Decoding is the browser's
// (the browser test covers it); here a stand-in decoder gives each file's audio.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';

import { sha256Hex } from '../../src/main/audio/module-cache';
import { SessionModel } from '../../src/main/audio/session-model';
import { importAudioFiles } from '../../src/main/import/import-audio';
import { emptySessionDocument } from '../../src/main/sessions/empty-session';
import { StudioDb } from '../../src/main/storage/studio-db';
import type { Transport } from '../../src/main/studio/transport';
import type { SourceLoad } from '../../src/shared/engine-protocol';
import { builtEngineAndDemo } from './built-files';

let engine: WebAssembly.Module;
let db: StudioDb;
let n = 0;
beforeAll(async () => {
  ({ engine } = await builtEngineAndDemo());
});
beforeEach(() => {
  db = new StudioDb(`test-import-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const RATE = 48000;
// A file whose text says how many seconds and channels of audio it holds ("2s 2ch"), or is not audio.
const file = (name: string, text: string) => new File([text], name, { type: 'audio/wav' });

function studio() {
  const session = new SessionModel(engine, new TextEncoder().encode(emptySessionDocument()));
  const handed: SourceLoad[][] = [];
  const order: string[] = [];
  const transport = {
    session,
    context: {
      decodeAudioData: async (bytes: ArrayBuffer) => {
        const match = /^(\d+)s (\d+)ch/.exec(new TextDecoder().decode(bytes));
        if (match === null) throw new DOMException('Unable to decode audio data', 'EncodingError');
        const [seconds, channels] = [Number(match[1]), Number(match[2])];
        const data = new Float32Array(seconds * RATE);
        return { length: data.length, sampleRate: RATE, numberOfChannels: channels, getChannelData: () => data };
      },
    },
    addSources: (sources: SourceLoad[]) => { handed.push(sources); order.push('sources'); },
    apply: async (batch: object) => { order.push('apply'); return session.apply(JSON.stringify(batch)); },
  } as unknown as Transport;
  return { transport, session, handed, order };
}

test('one track per file, clips at the start, one batch, one undo; audio stored once and handed over first', async () => {
  const { transport, session, handed, order } = studio();
  const before = session.sessionText;
  const result = await importAudioFiles(transport, db, [file('kick.wav', '2s 1ch'), file('pad.mp3', '3s 2ch'), file('kick again.wav', '2s 1ch')]);
  expect(result.failed).toEqual([]);
  expect(result.imported).toEqual(['kick.wav', 'pad.mp3', 'kick again.wav']);
  expect(result.trackIds).toEqual(['audio-2', 'audio-3', 'audio-4']);
  const tracks = session.document.tracks as unknown as { id: string; name: string; clips: { id: string; start: number; length: number; source: Record<string, unknown> }[] }[];
  expect(tracks.map((t) => t.name)).toEqual(['Audio 1', 'kick', 'pad', 'kick again']);
  const kick = await sha256Hex(new TextEncoder().encode('2s 1ch').buffer);
  expect(tracks[1].clips).toEqual([expect.objectContaining({ id: 'audio-2-clip-1', start: 0, length: 4, source: { sha256: kick, sampleRate: RATE, channels: 1, length: 2 * RATE } })]);
  expect(tracks[2].clips[0]).toMatchObject({ start: 0, length: 6, source: { channels: 2 } });
  expect(await db.assets.count()).toBe(2);  // kick.wav and kick again.wav are the same bytes
  expect((await db.assets.get(kick))?.name).toBe('kick.wav');
  expect(handed.flat().map((s) => s.key).sort()).toEqual([kick, tracks[2].clips[0].source.sha256].sort());
  expect(order).toEqual(['sources', 'apply']);
  expect(session.undo().ok).toBe(true);
  expect(session.sessionText).toBe(before);
});

test('on an audio track from a beat, one after another', async () => {
  const { transport, session } = studio();
  const result = await importAudioFiles(transport, db, [file('a.wav', '1s 1ch'), file('b.wav', '2s 1ch')], { track: 'audio-1', beat: 8 });
  expect(result.trackIds).toEqual(['audio-1', 'audio-1']);
  const clips = (session.document.tracks[0] as unknown as { clips: { start: number; length: number }[] }).clips;
  expect(clips.map((c) => [c.start, c.length])).toEqual([[8, 2], [10, 4]]);
  expect(session.document.tracks).toHaveLength(1);
});

test('a file that does not decode is named and changes nothing; the others still come in', async () => {
  const { transport, session } = studio();
  const before = session.sessionText;
  const broken = await importAudioFiles(transport, db, [file('notes.wav', 'not audio')]);
  expect(broken.imported).toEqual([]);
  expect(broken.failed).toEqual([{ file: 'notes.wav', message: expect.stringMatching(/^The audio file notes\.wav could not be decoded \(Unable to decode audio data\)\.$/) }]);
  expect(session.sessionText).toBe(before);
  expect(await db.assets.count()).toBe(0);

  const mixed = await importAudioFiles(transport, db, [file('notes.wav', 'not audio'), file('ok.wav', '1s 1ch')]);
  expect(mixed.imported).toEqual(['ok.wav']);
  expect(mixed.failed.map((f) => f.file)).toEqual(['notes.wav']);
  expect(await db.assets.count()).toBe(1);
});

test('a target that is not an audio track changes nothing', async () => {
  const { transport, session } = studio();
  const before = session.sessionText;
  const result = await importAudioFiles(transport, db, [file('a.wav', '1s 1ch')], { track: 'ghost' });
  expect(result.failed[0].message).toBe('a.wav was not imported: there is no track ghost; drop it on an audio track or below the tracks.');
  expect(session.sessionText).toBe(before);
  expect(await db.assets.count()).toBe(0);
});
