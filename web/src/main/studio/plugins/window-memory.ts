// Where each plugin window was and how big, remembered per insert in the local database's
// settings table (key `plugin-window:<insert id>`), so a window opens again where the musician
// left it, across reloads. A remembered place is fitted into the viewport it opens in: the
// title bar stays reachable however the window was left or the browser resized.
import type { StudioDb } from '../../storage/studio-db';

export interface WindowPlace {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 280;
export const MIN_HEIGHT = 160;
const DEFAULT_WIDTH = 420;
const DEFAULT_HEIGHT = 440;
const REACHABLE = 80; // pixels of the title bar that stay inside the viewport

export const settingKey = (insert: string) => `plugin-window:${insert}`;

// The n-th window opened without a remembered place: cascaded.
export function defaultPlace(index: number): WindowPlace {
  return { x: 80 + 32 * (index % 8), y: 90 + 32 * (index % 8), width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
}

export function fitPlace(place: WindowPlace, viewport: { width: number; height: number }): WindowPlace {
  const width = Math.round(Math.min(Math.max(place.width, MIN_WIDTH), Math.max(MIN_WIDTH, viewport.width)));
  const height = Math.round(Math.min(Math.max(place.height, MIN_HEIGHT), Math.max(MIN_HEIGHT, viewport.height)));
  const x = Math.round(Math.min(Math.max(place.x, REACHABLE - width), Math.max(0, viewport.width - REACHABLE)));
  const y = Math.round(Math.min(Math.max(place.y, 0), Math.max(0, viewport.height - 40)));
  return { x, y, width, height };
}

function isPlace(value: unknown): value is WindowPlace {
  const v = value as WindowPlace | null;
  return typeof v === 'object' && v !== null && [v.x, v.y, v.width, v.height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

// The remembered place, or null (none, or the database is not available: private windows of
// some browsers have none, and a window then simply opens at its default place).
export async function loadPlace(db: StudioDb, insert: string): Promise<WindowPlace | null> {
  try {
    const stored = await db.settings.get(settingKey(insert));
    return isPlace(stored?.value) ? stored.value : null;
  } catch {
    return null;
  }
}

export async function savePlace(db: StudioDb, insert: string, place: WindowPlace): Promise<void> {
  try {
    await db.settings.put({ key: settingKey(insert), value: { x: place.x, y: place.y, width: place.width, height: place.height } });
  } catch {
    // Not remembered: the window still moved; nothing else depends on it.
  }
}
