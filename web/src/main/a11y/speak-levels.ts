// The "speak levels" key (P, studio keys): says the selected track's, or else the master's, peak
// over the last few seconds and loudness now, through the live region, even during playback
// (the user asked). Peaks are sampled from the engine's stats ten times a second into a small
// window; the engine measures the loudness of the master and of the selected track only (EW-14),
// so the selection is handed to it.
import { useEffect } from 'react';

import { TRACK_STAT } from '../../shared/engine-protocol';
import type { Transport } from '../studio/transport';
import { typingInto } from '../studio/TransportBar';
import { announce } from './announcer';
import { PeakWindow, levelReport } from './level-report';

const SAMPLE_MS = 100;
export const SPEAK_LEVELS_KEY = 'p';

// `track`: the selected track's id, or null for the master.
export function useSpeakLevels(transport: Transport | null, track: string | null): void {
  useEffect(() => {
    if (transport === null) return;
    transport.meterLoudness(track);
    const target = track ?? 'master';
    const peaks = new PeakWindow();
    const slot = () => transport.engine.layout.tracks.find((t) => t.id === target)?.at;
    const sampler = setInterval(() => {
      const at = slot();
      const stats = transport.engine.stats;
      if (at !== undefined) peaks.add(performance.now(), Math.max(stats[at + TRACK_STAT.PeakLeft], stats[at + TRACK_STAT.PeakRight]));
    }, SAMPLE_MS);
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== SPEAK_LEVELS_KEY || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      event.preventDefault();
      const at = slot();
      const name = track === null ? 'Master' : transport.session.document.tracks.find((t) => t.id === track)?.name ?? track;
      if (at === undefined) {
        announce(`${name}: no level yet`, 'transport');
        return;
      }
      announce(levelReport(name, peaks.highest(performance.now()), transport.engine.stats[at + TRACK_STAT.LoudnessPower]), 'transport');
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(sampler);
      window.removeEventListener('keydown', onKey);
    };
  }, [transport, track]);
}
