// The Studio room: the demo session loaded into the engine's worklet, played from the transport
// bar, with the arrangement and the mixer (a bottom panel that toggles). (The side panel comes
// next: ../shared/specs/studio-design.md.)
import { useEffect, useState } from 'react';

import { ModuleCache } from '../audio/module-cache';
import { DEMO_SESSION_URL } from '../audio/session-assets';
import type { EngineFault } from '../../shared/engine-protocol';
import { Transport } from './transport';
import { Timeline } from './timeline/Timeline';
import { TransportBar } from './TransportBar';
import { Mixer } from './mixer/Mixer';
import { useUndoKeys } from './undo-keys';

// One cache for the page: modules stay compiled across sessions opened in it.
const modules = new ModuleCache();

type Loading = { stage: 'loading' } | { stage: 'ready'; transport: Transport } | { stage: 'failed'; message: string };

export function StudioRoom() {
  const [loading, setLoading] = useState<Loading>({ stage: 'loading' });
  const [faults, setFaults] = useState<EngineFault[]>([]);
  // Bumped when the audio path was rebuilt (after a stall): the engine's state views are new.
  const [, setAudioPath] = useState(0);
  const [mixerOpen, setMixerOpen] = useState(true);
  useUndoKeys(loading.stage === 'ready' ? loading.transport : null);

  useEffect(() => {
    let open: Transport | null = null;
    let cancelled = false;
    Transport.open(DEMO_SESSION_URL, modules, (more) => setFaults((known) => [...known, ...more]))
      .then((transport) => {
        if (cancelled) {
          void transport.close();
          return;
        }
        open = transport;
        transport.onRebuilt = () => setAudioPath((n) => n + 1);
        setLoading({ stage: 'ready', transport });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoading({ stage: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
      if (open !== null) void open.close();
    };
  }, []);

  return (
    <div className="studio">
      <header className="top-bar">
        <span className="brand">WASM Studio</span>
        {/* The Forge and the Gallery join this list when they exist (their issues); no dead links. */}
        <nav aria-label="Places">
          <a href="/studio" aria-current="page">Studio</a>
        </nav>
        <span className="session-name">{loading.stage === 'ready' ? loading.transport.info.name : 'Demo session'}</span>
        <span className="save-state">Demo (not saved)</span>
      </header>
      {loading.stage === 'ready' ? <TransportBar transport={loading.transport} /> : null}
      <main className="arrangement" aria-label="Arrangement">
        {loading.stage === 'loading' ? <p role="status">Loading the demo session: the engine, its plugins and audio…</p> : null}
        {loading.stage === 'failed' ? <p role="alert" className="error">The session could not be opened: {loading.message}</p> : null}
        {loading.stage === 'ready' ? (
          <>
            <p className="hint">Press Space or Play to hear the demo session. Home returns to the start.</p>
            <Timeline transport={loading.transport} />
          </>
        ) : null}
        {faults.length > 0 ? (
          <ul className="faults" aria-label="Plugin faults">
            {faults.map((f, i) => (
              <li key={i}>{f.kind === 'stalled' || f.kind === 'over time budget' ? f.message : `${f.track}, insert ${f.slot + 1} (${f.insert}): ${f.kind}. It is bypassed. ${f.message}`}</li>
            ))}
          </ul>
        ) : null}
      </main>
      {loading.stage === 'ready' ? (
        <footer className="mixer-dock">
          <button type="button" className="mixer-toggle" aria-expanded={mixerOpen} aria-controls={mixerOpen ? 'mixer' : undefined} onClick={() => setMixerOpen((open) => !open)}>
            Mixer
          </button>
          {mixerOpen ? <Mixer id="mixer" transport={loading.transport} faults={faults} /> : null}
        </footer>
      ) : null}
    </div>
  );
}
