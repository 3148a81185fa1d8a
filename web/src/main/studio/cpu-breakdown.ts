// Who takes the audio thread's time: every track (its clips, inserts, fader and meter) and every
// insert, from the engine's stats (loads as shares of real time, EW-14), heaviest first, named as
// the musician knows them ("Drums", "compressor on Drums"). What the CPU meter's breakdown lists,
// so that an overload names its cause.
import { TRACK_STAT, type GraphLayout } from '../../shared/engine-protocol';
import type { SessionDocument } from '../audio/session-model';

export interface CpuEntry {
  key: string;      // track id, or track id + '/' + insert id
  name: string;     // "Drums", "compressor on Drums"
  load: number;     // share of real time, 0..
  insert: boolean;
}

const pluginName = (id: string) => id.slice(id.lastIndexOf('.') + 1);
// A slot's load; a reading that is not a finite number counts as none (sorting by a NaN would
// scramble the whole order, not just misplace that one entry).
const loadAt = (stats: Float64Array, at: number) => {
  const load = stats[at];
  return Number.isFinite(load) ? load : 0;
};

export function cpuBreakdown(layout: GraphLayout, stats: Float64Array, document: SessionDocument): CpuEntry[] {
  const entries: CpuEntry[] = [];
  for (const track of layout.tracks) {
    const session = track.id === 'master' ? null : document.tracks.find((t) => t.id === track.id);
    const trackName = track.id === 'master' ? 'Master' : session?.name ?? track.id;
    const inserts = track.id === 'master' ? document.master.inserts ?? [] : session?.inserts ?? [];
    entries.push({ key: track.id, name: trackName, load: loadAt(stats, track.at + TRACK_STAT.Cpu), insert: false });
    for (const insert of track.inserts) {
      const plugin = inserts.find((i) => i.id === insert.id)?.plugin.id ?? insert.id;
      entries.push({ key: `${track.id}/${insert.id}`, name: `${pluginName(plugin)} on ${trackName}`, load: loadAt(stats, insert.at), insert: true });
    }
  }
  return entries.sort((a, b) => b.load - a.load || a.name.localeCompare(b.name));
}

export const percent = (load: number) => `${Math.round(load * 100)}%`;
