// @vitest-environment node
// A project file of the real demo session (the build's engine.wasm validates it, as the studio
// would on opening it): it imports as a session that opens; with a broken reference it still
// imports, with its audio, and the session library's reason and path are given (PF-5).
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StudioDb } from '../../src/main/storage/studio-db';
import { importProjectFile } from '../../src/main/project/project-db';
import { engineSessionValidator } from '../../src/main/project/session-validator';
import { writeProjectFile, type AssetFile } from '../../src/main/project/write-project';
import { builtEngineAndDemo } from './built-files';

let validate: (text: string) => string[];
let demo: { tracks: { clips?: { source?: { path?: string; sha256?: string } }[]; output?: string }[] };
const assets = new Map<string, AssetFile>();
const db = new StudioDb('project-validate-test');

beforeAll(async () => {
  const built = await builtEngineAndDemo();
  validate = engineSessionValidator(built.engine);
  demo = JSON.parse(new TextDecoder().decode(built.demo));
  const folder = join(import.meta.dirname, '../../dist/demo');
  for (const track of demo.tracks) {
    for (const clip of track.clips ?? []) {
      if (!clip.source?.path) continue;
      const bytes = new Uint8Array(readFileSync(join(folder, clip.source.path)));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      assets.set(sha256, { bytes, name: clip.source.path, type: 'audio/wav' });
      clip.source = { sha256 };
    }
  }
});
afterEach(async () => {
  await db.sessions.clear();
  await db.assets.clear();
});

const project = async (session: object) =>
  (await writeProjectFile(JSON.stringify(session), async (sha256) => assets.get(sha256) ?? null, { name: 'Demo' })).blob;

describe('project files checked by the session library', () => {
  it('the demo as a project imports as a session that opens', async () => {
    const imported = await importProjectFile(db, await project(demo), '', { validateSession: validate });
    expect(imported.errors).toEqual([]);
    expect(imported.sessionOk).toBe(true);
    expect(imported.assetsAdded).toBe(assets.size);
  });

  it('a session that does not open still imports with its audio, and says why', async () => {
    const broken = structuredClone(demo);
    broken.tracks[0].output = 'bus-9';
    const imported = await importProjectFile(db, await project(broken), '', { validateSession: validate });
    expect(imported.sessionOk).toBe(false);
    expect(imported.errors).toEqual(['session.json: tracks[0].output: unknown track "bus-9"']);
    expect(imported.sessionId).not.toBeNull();
    expect(await db.assets.count()).toBe(assets.size);
  });
});
