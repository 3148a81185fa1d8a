// One mixer strip: the track's name and colour, its inserts (InsertList.tsx),
// pan, fader with a typed level, meter with peak hold, mute and solo. The master's strip has no
// pan, mute or solo. Values come from the mixer's store; every change is an edit through the
// transport (live while a slider moves, one edit when it stops). Memoised, as are its parts: a
// fader's move draws the fader and the level text again, not the inserts or the plugin menu.
import { memo, useCallback, useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';

import { STATS_INTERVAL_SECONDS, TRACK_STAT, type EngineFault } from '../../../shared/engine-protocol';
import type { Transport } from '../transport';
import { MASTER_ID, type StripView } from './mixer-store';
import { faderScale, faderText, panScale, parseTypedDb } from './scales';
import { Slider } from './Slider';
import { AddInsert } from './AddInsert';
import { StripMeter } from './StripMeter';
import { InsertList } from './InsertList';
import { selection } from '../sidebar/selection-store';

type Edit = (ops: object[]) => void;

// The strip's and each insert's share of real time (percent), a few times a second.
function useCpu(transport: Transport, track: string): { track: number; inserts: Record<string, number> } {
  const [cpu, setCpu] = useState({ track: 0, inserts: {} as Record<string, number> });
  useEffect(() => {
    const timer = setInterval(() => {
      const { layout, stats } = transport.engine;
      const place = layout.tracks.find((t) => t.id === track);
      if (place === undefined) return;
      const next = { track: Math.round(stats[place.at + TRACK_STAT.Cpu] * 100), inserts: Object.fromEntries(place.inserts.map((i) => [i.id, Math.round(stats[i.at] * 100)])) };
      setCpu((now) => (JSON.stringify(now) === JSON.stringify(next) ? now : next));
    }, STATS_INTERVAL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [transport, track]);
  return cpu;
}

// The level as text, typed over: Enter or leaving the field sets it, Escape puts the level back.
function LevelField({ name, db, onSet }: { name: string; db: number; onSet: (db: number) => void }) {
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState('');
  const errorId = useId();
  const finish = () => {
    if (typed === null) return;
    const parsed = parseTypedDb(typed);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setTyped(null);
    setError('');
    if (parsed.db !== db) onSet(parsed.db);
  };
  return (
    <>
      <input className="level-field" type="text" inputMode="decimal" value={typed ?? faderText(db)}
        aria-label={`${name} volume in dB`} aria-invalid={error !== ''} aria-describedby={error !== '' ? errorId : undefined}
        onChange={(event) => setTyped(event.target.value)} onFocus={(event) => event.target.select()} onBlur={finish}
        onKeyDown={(event) => {
          if (event.key === 'Enter') finish();
          if (event.key === 'Escape') {
            setTyped(null);
            setError('');
          }
        }} />
      {error !== '' ? <span id={errorId} className="level-error" role="alert">{error}</span> : null}
    </>
  );
}

const ignore = () => {};

export const Strip = memo(function Strip({ transport, strip, faults, edit, onOpen, onRefused = ignore }: {
  transport: Transport; strip: StripView; faults: EngineFault[]; edit: Edit; onOpen: (insert: string) => void;
  onRefused?: (message: string) => void;
}) {
  const master = strip.id === MASTER_ID;
  const cpu = useCpu(transport, strip.id);
  const [faderDraft, setFaderDraft] = useState<number | null>(null);
  const [panDraft, setPanDraft] = useState<number | null>(null);
  const nameId = useId();
  const selected = useStore(selection, (s) => s.track === strip.id);
  const select = () => selection.getState().select(strip.id);

  const setVolume = useCallback((volumeDb: number) => edit([master
    ? { op: 'master.setVolume', volumeDb }
    : { op: 'track.update', id: strip.id, set: { volumeDb } }]), [edit, master, strip.id]);
  const liveVolume = useCallback((db: number) => void transport.liveVolume(strip.id, db), [transport, strip.id]);
  const setPan = useCallback((pan: number) => edit([{ op: 'track.update', id: strip.id, set: { pan } }]), [edit, strip.id]);
  const livePan = useCallback((pan: number) => void transport.livePan(strip.id, pan), [transport, strip.id]);
  const setFlag = (flag: 'mute' | 'solo') => edit([{ op: 'track.update', id: strip.id, set: { [flag]: !strip[flag] } }]);

  return (
    <div className={`strip${master ? ' master' : ''}${selected ? ' selected' : ''}`} role="group" aria-labelledby={nameId} data-track={strip.id}
      onFocusCapture={select} onPointerDownCapture={select}>
      <div className="strip-name">
        <span className="strip-colour" style={{ background: strip.colour }} aria-hidden="true" />
        <span id={nameId} title={strip.name}>{strip.name}</span>
      </div>
      <InsertList transport={transport} strip={strip} faults={faults} cpu={cpu.inserts} edit={edit} onOpen={onOpen} />
      <AddInsert transport={transport} chain={strip.id} chainName={strip.name} onAdded={onOpen} onRefused={onRefused} />
      {master ? <div className="strip-pan-space" /> : (
        <div className="strip-pan">
          <Slider scale={panScale} value={strip.pan} label={`${strip.name} pan`} orientation="horizontal" className="pan"
            onLive={livePan} onCommit={setPan} onDraft={setPanDraft} />
          <span className="pan-text" aria-hidden="true">{panScale.text(panDraft ?? strip.pan)}</span>
        </div>
      )}
      <div className="strip-level">
        <Slider scale={faderScale} value={strip.volumeDb} label={`${strip.name} volume`} orientation="vertical" className="fader"
          onLive={liveVolume} onCommit={setVolume} onDraft={setFaderDraft} />
        <StripMeter transport={transport} track={strip.id} />
      </div>
      <LevelField name={strip.name} db={faderDraft ?? strip.volumeDb} onSet={(db) => {
        liveVolume(db);
        setVolume(db);
      }} />
      <span className="strip-cpu">CPU {cpu.track}%</span>
      {master ? null : (
        <div className="strip-buttons">
          <button type="button" className="mute" aria-pressed={strip.mute} aria-label={`Mute ${strip.name}`} title={`Mute ${strip.name}`}
            onClick={() => setFlag('mute')}>M</button>
          <button type="button" className="solo" aria-pressed={strip.solo} aria-label={`Solo ${strip.name}`} title={`Solo ${strip.name}`}
            onClick={() => setFlag('solo')}>S</button>
        </div>
      )}
    </div>
  );
});
