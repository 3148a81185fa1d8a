// The Forge's build runner and the editor's marks (src/main/forge/run-build.ts, CodeEditor.tsx):
// a build is followed until it finishes, each answer handed on; leaving stops the polling; only
// diagnostics in the user's source are placed in the editor, at their line and column.
import { EditorState } from '@codemirror/state';
import { describe, expect, test } from 'vitest';

import type { ForgeBuild } from '../../src/main/server/api';
import { editorDiagnostics } from '../../src/main/forge/CodeEditor';
import { runBuild, sourcePlace } from '../../src/main/forge/run-build';

const usage = { month: '2026-12', builds: 1, limit: null, remaining: null };
const answer = (status: ForgeBuild['status'], extra: Partial<ForgeBuild> = {}): ForgeBuild => ({ id: 'b1', language: 'cpp', status, cached: false, usage, ...extra });

describe('runBuild', () => {
  test('follows a build through the queue and the compile to its end', async () => {
    const answers = [answer('compiling'), answer('succeeded', { stage: 'done' })];
    const seen: string[] = [];
    const build = await runBuild('source', (b) => seen.push(`${b.status}${b.queuePosition ?? ''}`), new AbortController().signal, {
      startBuild: async () => answer('queued', { queuePosition: 2 }),
      getBuild: async (id) => { expect(id).toBe('b1'); return answers.shift()!; },
    });
    expect(build.status).toBe('succeeded');
    expect(seen).toEqual(['queued2', 'compiling', 'succeeded']);
  });

  test('a build the cache answers at once is not polled', async () => {
    let polled = 0;
    const build = await runBuild('source', () => {}, new AbortController().signal, {
      startBuild: async () => answer('succeeded', { cached: true }),
      getBuild: async () => { ++polled; return answer('succeeded'); },
    });
    expect(build.cached).toBe(true);
    expect(polled).toBe(0);
  });

  test('leaving stops the polling with an AbortError', async () => {
    const controller = new AbortController();
    const running = runBuild('source', () => controller.abort(), controller.signal, {
      startBuild: async () => answer('queued', { queuePosition: 1 }),
      getBuild: async () => answer('queued', { queuePosition: 1 }),
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('diagnostics in the editor', () => {
  const state = EditorState.create({ doc: 'int a;\nint b = ;\nint c;' });

  test('only the source\'s own diagnostics have a place', () => {
    expect(sourcePlace({ file: 'plugin.cpp', line: 2, column: 9 })).toEqual({ line: 2, column: 9 });
    expect(sourcePlace({ file: 'wsp/sdk/plugin.hpp', line: 2, column: 9 })).toBeNull();
    expect(sourcePlace({ message: 'link' } as never)).toBeNull();
  });

  test('a diagnostic is marked from its column to the end of its line; lines past the end are dropped', () => {
    const marks = editorDiagnostics(state, [
      { severity: 'error', message: 'expected expression', file: 'plugin.cpp', line: 2, column: 9 },
      { severity: 'warning', message: 'unused', file: 'plugin.cpp', line: 1, column: 5 },
      { severity: 'error', message: 'gone', file: 'plugin.cpp', line: 40, column: 1 },
      { severity: 'error', message: 'in a header', file: 'wsp/sdk.hpp', line: 1, column: 1 },
    ]);
    expect(marks).toEqual([
      { from: 15, to: 16, severity: 'error', message: 'expected expression' },
      { from: 4, to: 6, severity: 'warning', message: 'unused' },
    ]);
  });
});
