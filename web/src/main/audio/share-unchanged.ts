// Structural sharing between two parsed JSON documents: `next` with every part that equals the
// same part of `previous` replaced by that part of `previous`. After an edit of one clip of a
// 64-track session, the document keeps the identity of the other 63 tracks (and of every
// unchanged clip, insert and lane), so views derived per object (a WeakMap by track, React.memo
// by prop) are not rebuilt or re-rendered for what did not change.
//
// Arrays are matched by position, and objects of an array that carry a string `id` are matched
// by id first, so a track moved to another place keeps its identity too.
type Json = null | boolean | number | string | Json[] | { [member: string]: Json };

const isObject = (value: unknown): value is { [member: string]: Json } =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const idOf = (value: Json): string | undefined =>
  isObject(value) && typeof value.id === 'string' ? value.id : undefined;

export function shareUnchanged<T>(previous: T, next: T): T {
  return share(previous as Json, next as Json) as T;
}

function share(previous: Json, next: Json): Json {
  if (previous === next) return previous;
  if (Array.isArray(next)) return Array.isArray(previous) ? shareArray(previous, next) : next;
  if (isObject(next)) return isObject(previous) ? shareObject(previous, next) : next;
  return next;  // a primitive that differs (equal ones returned above)
}

function shareArray(previous: Json[], next: Json[]): Json[] {
  let byId: Map<string, Json> | undefined;
  let same = previous.length === next.length;
  const shared = next.map((item, index) => {
    const id = idOf(item);
    let counterpart: Json | undefined = previous[index];
    if (id !== undefined && idOf(counterpart ?? null) !== id) {
      byId ??= new Map(previous.flatMap((p) => { const pid = idOf(p); return pid === undefined ? [] : [[pid, p] as const]; }));
      counterpart = byId.get(id);
    }
    const result = counterpart === undefined ? item : share(counterpart, item);
    if (result !== previous[index]) same = false;
    return result;
  });
  return same ? previous : shared;
}

function shareObject(previous: { [member: string]: Json }, next: { [member: string]: Json }): { [member: string]: Json } {
  const nextKeys = Object.keys(next);
  let same = nextKeys.length === Object.keys(previous).length;
  const shared: { [member: string]: Json } = {};
  for (const key of nextKeys) {
    const value = Object.hasOwn(previous, key) ? share(previous[key], next[key]) : next[key];
    if (value !== previous[key] || !Object.hasOwn(previous, key)) same = false;
    shared[key] = value;
  }
  return same ? previous : shared;
}
