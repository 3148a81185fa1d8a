// Plugin windows without a page: their places remembered per insert in the local database
// (window-memory.ts, over fake-indexeddb) and fitted into the viewport, and their z-order
// (window-stack.ts).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';

import { StudioDb } from '../../src/main/storage/studio-db';
import { MIN_HEIGHT, MIN_WIDTH, defaultPlace, fitPlace, loadPlace, savePlace, settingKey } from '../../src/main/studio/plugins/window-memory';
import { createWindowStack } from '../../src/main/studio/plugins/window-stack';

let db: StudioDb;
afterEach(async () => {
  await db?.delete();
});

describe('window places', () => {
  test('a place saved for an insert is found again by a new connection (a reload), and only for that insert', async () => {
    db = new StudioDb(`windows-${Math.random()}`);
    await savePlace(db, 'drums-eq', { x: 300, y: 120, width: 500, height: 380 });
    const reopened = new StudioDb(db.name);
    expect(await loadPlace(reopened, 'drums-eq')).toEqual({ x: 300, y: 120, width: 500, height: 380 });
    expect(await loadPlace(reopened, 'bass-eq')).toBeNull();
    reopened.close();
  });

  test('a stored value that is not a place is ignored', async () => {
    db = new StudioDb(`windows-${Math.random()}`);
    await db.settings.put({ key: settingKey('x'), value: { x: 'left' } });
    expect(await loadPlace(db, 'x')).toBeNull();
  });

  test('a place is fitted into the viewport: the title bar stays reachable, the size within limits', () => {
    const viewport = { width: 1280, height: 720 };
    expect(fitPlace({ x: 5000, y: -40, width: 100, height: 50 }, viewport)).toEqual({ x: 1200, y: 0, width: MIN_WIDTH, height: MIN_HEIGHT });
    expect(fitPlace({ x: -2000, y: 2000, width: 4000, height: 4000 }, viewport)).toEqual({ x: 80 - 1280, y: 680, width: 1280, height: 720 });
    expect(fitPlace(defaultPlace(0), viewport)).toEqual(defaultPlace(0));
    expect(defaultPlace(1).x).toBeGreaterThan(defaultPlace(0).x);
  });
});

describe('the window stack', () => {
  test('opening adds on top; opening an open one, or raising it, brings it to the front; close removes it', () => {
    const stack = createWindowStack();
    const { open, raise, close } = stack.getState();
    open({ track: 'drums', insert: 'a' });
    open({ track: 'bass', insert: 'b' });
    open({ track: 'master', insert: 'c' });
    expect(stack.getState().windows.map((w) => w.insert)).toEqual(['a', 'b', 'c']);
    raise('a');
    expect(stack.getState().windows.map((w) => w.insert)).toEqual(['b', 'c', 'a']);
    open({ track: 'bass', insert: 'b' });
    expect(stack.getState().windows.map((w) => w.insert)).toEqual(['c', 'a', 'b']);
    const before = stack.getState().windows;
    raise('b');  // already in front: nothing changes
    expect(stack.getState().windows).toBe(before);
    close('a');
    expect(stack.getState().windows.map((w) => w.insert)).toEqual(['c', 'b']);
  });
});
