// Words for what a batch of session operations did, for announcements after undo and redo
// ("Undone: clip moved"). The operations are an undo's or redo's inverse, which name the same
// change as the edit.
const WORDS: Record<string, string> = {
  'track.add': 'track added',
  'track.remove': 'track removed',
  'track.move': 'track moved',
  'track.update': 'track changed',
  'clip.add': 'clip added',
  'clip.remove': 'clip removed',
  'clip.move': 'clip moved',
  'clip.update': 'clip changed',
  'insert.add': 'insert added',
  'insert.remove': 'insert removed',
  'insert.move': 'insert moved',
  'insert.setParam': 'parameter changed',
  'insert.clearParam': 'parameter reset',
  'insert.setBypass': 'bypass changed',
  'insert.setState': 'plugin state changed',
  'lane.add': 'automation lane added',
  'lane.remove': 'automation lane removed',
  'lane.setPoints': 'automation changed',
  'marker.add': 'marker added',
  'marker.remove': 'marker removed',
  'marker.update': 'marker changed',
  'loop.set': 'loop changed',
  'tempo.set': 'tempo changed',
  'timeSignature.set': 'time signature changed',
  'master.setVolume': 'master volume changed',
};

// Distinct phrases in order of first appearance, e.g. "parameter changed" or "track added, clip
// added"; "change" for a batch that names nothing known. `batch`: a batch object or its list of
// operations (what an edit's result gives as its inverse).
export function describeOps(batch: unknown): string {
  const ops = Array.isArray(batch) ? batch as { op?: unknown }[] : (batch as { ops?: { op?: unknown }[] } | null)?.ops;
  const words: string[] = [];
  for (const op of Array.isArray(ops) ? ops : []) {
    const word = typeof op?.op === 'string' ? WORDS[op.op] : undefined;
    if (word !== undefined && !words.includes(word)) words.push(word);
  }
  return words.length > 0 ? words.join(', ') : 'change';
}
