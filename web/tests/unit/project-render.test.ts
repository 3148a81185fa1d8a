// @vitest-environment node
// The two readers of the project file format cannot drift: the web app's writer packs the demo
// session and `vaist render` (the C++ reader) renders it, bit for bit as it renders the demo
// session itself. Needs the build: ctest runs it as web.project.render with VAIST and
// DEMO_SESSION set; plain `vitest run` (web.unit) skips it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProjectFile } from '../../src/main/project/read-project';
import { writeProjectFile, type AssetFile } from '../../src/main/project/write-project';

const { VAIST, DEMO_SESSION } = process.env;
const folder = mkdtempSync(join(tmpdir(), 'project-render-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!VAIST || !DEMO_SESSION)('project files: the web writer, the vaist reader', () => {
  it('renders the web app\'s project file of the demo exactly as the demo session', async () => {
    const demoText = readFileSync(DEMO_SESSION as string, 'utf8');
    const demo = JSON.parse(demoText);
    // As the studio holds a session: sources by sha256 (the files are in its storage by hash).
    const assets = new Map<string, AssetFile>();
    for (const track of demo.tracks) {
      for (const clip of track.clips ?? []) {
        if (!clip.source?.path) continue;
        const bytes = new Uint8Array(readFileSync(join(dirname(DEMO_SESSION as string), clip.source.path)));
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        assets.set(sha256, { bytes, name: clip.source.path.split('/').pop(), type: 'audio/wav' });
        clip.source = { sha256 };
      }
    }
    const { blob, problems } = await writeProjectFile(JSON.stringify(demo), async (sha256) => assets.get(sha256) ?? null, { name: 'Demo' });
    expect(problems).toEqual([]);
    const project = join(folder, 'demo.wstudio.zip');
    writeFileSync(project, new Uint8Array(await blob.arrayBuffer()));
    expect((await readProjectFile(blob)).errors).toEqual([]);

    const render = (input: string, output: string) =>
      execFileSync(VAIST as string, ['render', input, '-o', output, '--bits', '32f'], { stdio: ['ignore', 'pipe', 'pipe'] });
    render(project, join(folder, 'project.wav'));
    render(DEMO_SESSION as string, join(folder, 'session.wav'));
    // The samples: from the "data" chunk on (libsndfile's PEAK chunk before it holds the time).
    const samples = (file: string) => {
      const bytes = readFileSync(join(folder, file));
      return bytes.subarray(bytes.indexOf('data'));
    };
    const fromProject = samples('project.wav');
    const fromSession = samples('session.wav');
    expect(fromProject.length).toBeGreaterThan(1_000_000);
    expect(fromProject.equals(fromSession)).toBe(true);
  }, 600_000);  // a cold module cache compiles every factory plugin first
});
