// @vitest-environment node
// Project files (docs/project-file.md): a written file reads back to the same session and bytes,
// and every rule (PF-1..5) is attacked with an archive forged by hand (zip-builder.ts).
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ProjectFileError, readProjectFile } from '../../src/main/project/read-project';
import { writeProjectFile, type AssetFile } from '../../src/main/project/write-project';
import { forgeZip, manifestJson, type ForgedEntry } from './zip-builder';

const encoder = new TextEncoder();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// A WAV header and some noise-like bytes (the reader never decodes audio).
function fakeWav(seed: number, length = 4000): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set(encoder.encode('RIFF'), 0);
  bytes.set(encoder.encode('WAVE'), 8);
  let x = seed;
  for (let i = 12; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

const kick = fakeWav(1);
const bass = fakeWav(2, 9000);
const flac = (() => { const b = fakeWav(3, 500); b.set(encoder.encode('fLaC'), 0); return b; })();
const userPlugin = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 42, 42]);

function sessionText(): string {
  return `${JSON.stringify({
    format: 'wasm-studio-session',
    version: 1,
    tempo: 120,
    tracks: [
      { id: 'drums', kind: 'audio', inserts: [{ id: 'eq', plugin: { id: 'studio.wasm.eq' } }],
        clips: [{ id: 'c1', source: { sha256: sha(kick) }, start: 0, length: 4 },
                { id: 'c2', source: { sha256: sha(kick), channels: 1 }, start: 4, length: 4 }] },
      { id: 'bass', kind: 'audio', inserts: [{ id: 'mine', plugin: { id: 'user.thing', sha256: sha(userPlugin) } }],
        clips: [{ id: 'c3', source: { path: 'old/bass.wav', sha256: sha(bass) }, start: 0, length: 8 },
                { id: 'c4', source: { sha256: sha(flac) }, start: 8, length: 1 }] },
    ],
  }, null, 2)}\n`;
}

const assets = new Map<string, AssetFile>([
  [sha(kick), { bytes: kick, name: 'kick.wav', type: 'audio/wav' }],
  [sha(bass), { bytes: new Blob([bass as Uint8Array<ArrayBuffer>]), name: 'bass.wav', type: 'audio/wav' }],
  [sha(flac), { bytes: flac, name: 'pad.flac', type: 'audio/flac' }],
]);
const getAsset = async (hash: string) => assets.get(hash) ?? null;
const getPlugin = async (ref: { sha256?: string }) => (ref.sha256 === sha(userPlugin) ? { bytes: userPlugin } : null);

async function written(): Promise<Uint8Array> {
  const { blob, problems } = await writeProjectFile(sessionText(), getAsset, { name: 'My song', getPlugin });
  expect(problems).toEqual([]);
  return new Uint8Array(await blob.arrayBuffer());
}

const blobBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readProjectFile(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectFileError);
    return (error as Error).message;
  }
  throw new Error('the archive was accepted');
}

const project = (...more: ForgedEntry[]): ForgedEntry[] => [
  { name: 'project.json', data: manifestJson() },
  { name: 'session.json', data: encoder.encode(sessionText()) },
  ...more,
];

describe('project files: round trip', () => {
  it('reads back the session, every audio file once and the user plugin, with paths beside the hashes', async () => {
    const read = await readProjectFile(await written());
    expect(read.errors).toEqual([]);
    expect(read.sessionOk).toBe(true);
    expect(read.name).toBe('My song');
    const session = JSON.parse(read.session as string);
    const original = JSON.parse(sessionText());
    const sources = session.tracks.flatMap((t: { clips: { source: object }[] }) => t.clips.map((c) => c.source));
    expect(sources).toEqual([
      { sha256: sha(kick), path: `audio/${sha(kick)}.wav` },
      { sha256: sha(kick), path: `audio/${sha(kick)}.wav`, channels: 1 },
      { sha256: sha(bass), path: `audio/${sha(bass)}.wav` },
      { sha256: sha(flac), path: `audio/${sha(flac)}.flac` },
    ]);
    // Nothing else changed.
    for (const track of [...session.tracks, ...original.tracks]) for (const clip of track.clips) delete clip.source;
    expect(session).toEqual(original);

    expect(read.assets.map((a) => a.path).sort()).toEqual(
      [`audio/${sha(bass)}.wav`, `audio/${sha(flac)}.flac`, `audio/${sha(kick)}.wav`].sort());
    for (const asset of read.assets) {
      const original = assets.get(asset.sha256)!;
      expect(asset.name).toBe(original.name);
      expect(asset.type).toBe(original.type);
      const bytes = await blobBytes(asset.bytes);
      expect(sha(bytes)).toBe(asset.sha256);
    }
    expect(read.plugins.map((p) => p.sha256)).toEqual([sha(userPlugin)]);  // the factory EQ is not packed
    expect(await blobBytes(read.plugins[0].bytes)).toEqual(userPlugin);
  });

  it('writes what it has and lists what it lacks, also for a session that is not JSON', async () => {
    const broken = sessionText().slice(0, -40);  // cut short: not JSON
    const { blob, problems } = await writeProjectFile(broken, async (hash) => (hash === sha(kick) ? assets.get(hash)! : null));
    expect(problems[0]).toMatch(/not valid JSON/);
    expect(problems.some((p) => p.includes(sha(bass)) && p.includes('lacks it'))).toBe(true);
    const read = await readProjectFile(blob);
    expect(read.session).toBe(broken);
    expect(read.sessionOk).toBe(false);
    expect(read.assets.map((a) => a.sha256)).toEqual([sha(kick)]);
    expect(read.errors.some((e) => e.startsWith('session.json: session.json is not valid JSON'))).toBe(true);
  });

  it('keeps a vAIst module\'s descriptor and glue', async () => {
    const text = sessionText().replace('"id": "user.thing"', '"id": "user.thing",\n "format": "vaist"');
    const vaist = { descriptor: { name: 'Thing', parameters: [] }, glue: 'var a = {};' };
    const { blob } = await writeProjectFile(text, getAsset, { getPlugin: async () => ({ bytes: userPlugin, vaist }) });
    const read = await readProjectFile(blob);
    expect(read.plugins[0].vaist).toEqual(vaist);
  });

  it('opens with an ordinary zip reader\'s view: stored audio, deflated JSON', async () => {
    const bytes = await written();
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('PK\u0003\u0004');
  });
});

describe('project files: hostile archives', () => {
  it('PF-1: refuses names outside the archive', async () => {
    for (const name of ['../evil.wav', '/etc/passwd', 'audio\\..\\x', 'audio/../../x', 'a//b', './session.json', 'C:/x', 'a\u0000b']) {
      expect(await refusal(forgeZip(project({ name, data: kick })))).toMatch(/PF-1/);
    }
  });

  it('PF-1: refuses duplicate names, also ones differing only in case', async () => {
    const two = forgeZip([...project(), { name: 'session.json', data: encoder.encode('{}') }]);
    expect(await refusal(two)).toMatch(/"session\.json" is in the archive twice/);
    const cased = forgeZip([...project(), { name: 'Session.json', data: encoder.encode('{}') }]);
    expect(await refusal(cased)).toMatch(/twice \(as "session\.json"\)/);
  });

  it('PF-1: refuses other compression methods and encryption', async () => {
    expect(await refusal(forgeZip(project({ name: 'audio/x.wav', data: kick, method: 12 })))).toMatch(/method 12/);
    expect(await refusal(forgeZip(project({ name: 'audio/x.wav', data: kick, flags: 1 })))).toMatch(/encrypted/);
  });

  it('PF-2: leaves out an entry whose bytes do not match its name, and keeps the rest', async () => {
    const read = await readProjectFile(forgeZip([
      { name: 'project.json', data: manifestJson() },
      { name: `audio/${sha(kick)}.wav`, data: kick },
      { name: `audio/${sha(bass)}.wav`, data: kick, method: 0 },  // the kick under the bass's name
      { name: `plugins/${sha(userPlugin)}.wasm`, data: kick },
    ]));
    expect(read.assets.map((a) => a.sha256)).toEqual([sha(kick)]);
    expect(read.plugins).toEqual([]);
    expect(read.errors).toEqual(expect.arrayContaining([
      `audio/${sha(bass)}.wav: left out: its bytes hash to ${sha(kick)}, not the sha256 in its name (PF-2)`,
      `plugins/${sha(userPlugin)}.wasm: left out: its bytes hash to ${sha(kick)}, not the sha256 in its name (PF-2)`,
    ]));
  });

  it('PF-3: refuses more than 4096 entries before reading any', async () => {
    const many = Array.from({ length: 4097 }, (_, i) => ({ name: `x/${i}`, data: new Uint8Array(0), method: 0 }));
    expect(await refusal(forgeZip(many))).toBe('4097 entries: more than the limit of 4096 entries (PF-3)');
  });

  it('PF-3: refuses a zip bomb from its directory record, before inflating it', async () => {
    // 16 MiB of zeros deflate to about 16 KiB: over 1000:1.
    const zeros = new Uint8Array(16 << 20);
    const bomb = deflateRawSync(zeros, { level: 9 });
    expect(zeros.length / bomb.length).toBeGreaterThan(1000);
    expect(await refusal(forgeZip(project({ name: 'audio/bomb.wav', data: new Uint8Array(0), compressed: bomb, declaredSize: zeros.length, crc: 0 })))).toMatch(
      /entry "audio\/bomb.wav" inflates \d+ bytes to 16777216: more than the limit of 1000:1 \(PF-3\)/);
    // Declared sizes alone are enough: the data here is not even deflate, and never inflated.
    const garbage = new Uint8Array(2 << 20).fill(7);
    const huge: ForgedEntry = { name: 'audio/huge.wav', data: new Uint8Array(0), compressed: garbage, declaredSize: 1.5 * 2 ** 30 };
    expect(await refusal(forgeZip(project(huge)))).toBe(
      'entry "audio/huge.wav" is 1610612736 bytes: more than the limit of 1073741824 per entry (PF-3)');
    const total = [0, 1, 2].map((i): ForgedEntry => ({ name: `audio/part${i}.wav`, data: new Uint8Array(0), compressed: new Uint8Array(1 << 20).fill(7), declaredSize: 0.9 * 2 ** 30 }));
    expect(await refusal(forgeZip(project(...total)))).toBe('the entries add up to more than the limit of 2147483648 bytes (PF-3)');
  });

  it('PF-3: an entry that inflates past its declared size is cut off and left out', async () => {
    const big = fakeWav(9, 50000);
    const read = await readProjectFile(forgeZip(project({ name: `audio/${sha(big)}.wav`, data: big, declaredSize: 1000 })));
    expect(read.assets).toEqual([]);
    expect(read.errors).toContain(`audio/${sha(big)}.wav: left out: entry "audio/${sha(big)}.wav" inflates to more than the 1000 bytes its directory record declares (PF-3)`);
  });

  it('PF-3: refuses entries that share their bytes', async () => {
    const overlap = forgeZip([...project({ name: 'audio/a.wav', data: kick }), { name: 'audio/b.wav', data: kick, directoryOnly: true }]);
    expect(await refusal(overlap)).toMatch(/overlaps another entry/);
  });

  it('PF-4: refuses a file from a newer version', async () => {
    const newer = forgeZip([{ name: 'project.json', data: manifestJson(2) }, { name: 'session.json', data: encoder.encode(sessionText()) }]);
    expect(await refusal(newer)).toBe('made by a newer WASM Studio (project file version 2; this version reads up to 1) (PF-4)');
  });

  it('PF-5: a session that does not validate still yields its audio and plugins, and says why', async () => {
    const read = await readProjectFile(await written(), { validateSession: () => ['tracks[0].output: unknown track "bus-9"'] });
    expect(read.sessionOk).toBe(false);
    expect(read.session).not.toBeNull();
    expect(read.assets).toHaveLength(3);
    expect(read.plugins).toHaveLength(1);
    expect(read.errors).toEqual(['session.json: tracks[0].output: unknown track "bus-9"']);
  });

  it('PF-5: a session whose audio is missing says which clip', async () => {
    const read = await readProjectFile(forgeZip(project({ name: `audio/${sha(kick)}.wav`, data: kick })));
    expect(read.sessionOk).toBe(false);
    expect(read.errors).toContain(`session.json: tracks[1].clips[0]: its audio old/bass.wav is not in the project`);
  });

  it('refuses what is not a project file', async () => {
    expect(await refusal(encoder.encode('{"format": "wasm-studio-session"}'))).toMatch(/not a zip archive/);
    expect(await refusal(forgeZip([{ name: 'session.json', data: encoder.encode(sessionText()) }]))).toMatch(/no project.json/);
    expect(await refusal(forgeZip([{ name: 'project.json', data: encoder.encode('{"format":"x","version":1}') }]))).toMatch(/not a WASM Studio project file/);
  });

  it('reads a CRC failure as a damaged entry, not a refusal', async () => {
    const read = await readProjectFile(forgeZip(project({ name: `audio/${sha(kick)}.wav`, data: kick, crc: 1234 })));
    expect(read.errors[0]).toMatch(/CRC-32/);
  });
});
