// Which plugin faults still stand after a change to the session. The badges on inserts and the
// list of faults show only these: a fault goes when its insert leaves the session (removed: an
// insert added back by undo is a new instance, so the fault does not come back with it), and a
// fault the studio answered by bypassing the plugin (stalled, over its time budget) goes when the
// plugin is playing again (the bypass undone, or the plugin re-enabled). A trap or a non-finite
// output leaves the engine's instance off for good (docs/engine-wasm.md, EW-7, EW-8): its badge
// stays until the insert is removed. Faults of no insert (the engine restarted) stay.
import type { EngineFault } from '../../../shared/engine-protocol';
import type { SessionDocument, SessionInsert } from '../../audio/session-model';

const ANSWERED_BY_BYPASS = new Set(['stalled', 'over time budget']);

function insertsOf(document: SessionDocument): Map<string, SessionInsert> {
  const all = new Map<string, SessionInsert>();
  for (const track of document.tracks) for (const insert of track.inserts ?? []) all.set(insert.id, insert);
  for (const insert of document.master.inserts ?? []) all.set(insert.id, insert);
  return all;
}

export function standingFaults(faults: EngineFault[], document: SessionDocument): EngineFault[] {
  const inserts = insertsOf(document);
  const standing = faults.filter((fault) => {
    if (fault.insert === '') return true;
    const insert = inserts.get(fault.insert);
    if (insert === undefined) return false;
    return !(ANSWERED_BY_BYPASS.has(fault.kind) && insert.bypass !== true);
  });
  return standing.length === faults.length ? faults : standing;
}
