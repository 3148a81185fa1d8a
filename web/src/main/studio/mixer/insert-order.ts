// Where an insert goes in its chain when it is moved: by Alt+Up/Alt+Down on it (one place, not
// past either end), or dropped onto another insert of the same chain (it takes that insert's
// place). The index is insert.move's: the insert's position in the chain after the move
// (docs/session-ops.md). Null: it does not move.
export function keyedIndex(index: number, length: number, key: string): number | null {
  if (key === 'ArrowUp' && index > 0) return index - 1;
  if (key === 'ArrowDown' && index < length - 1) return index + 1;
  return null;
}

export function droppedIndex(from: number, onto: number, length: number): number | null {
  if (from < 0 || onto < 0 || from >= length || onto >= length || from === onto) return null;
  return onto;
}

// An insert's name as a screen reader hears it: its plugin, its track, and what state it is in.
export function insertLabel(plugin: string, track: string, bypass: boolean, fault: { kind: string } | undefined): string {
  const states = [bypass ? 'bypassed' : '', fault !== undefined ? `failed: ${fault.kind}` : ''].filter((s) => s !== '');
  return `${plugin} on ${track}${states.length > 0 ? `, ${states.join(', ')}` : ''}: open its window`;
}
