// The Studio room: the open session (the last one opened in this browser, else the demo; saved
// locally as it changes) loaded into the engine's worklet, played from the transport bar, with
// the arrangement (audio files dropped on it are imported) and the mixer (a bottom panel that
// toggles). (The side panel comes next: ../shared/specs/studio-design.md.)
import { useEffect, useState } from 'react';

import { ModuleCache } from '../audio/module-cache';
import type { EngineFault } from '../../shared/engine-protocol';
import { AudioImportProvider, ImportButton, ImportDropArea, ImportStatus } from '../import/AudioImport';
import { SessionHeader } from '../sessions/SessionHeader';
import { useSessionInfo } from '../sessions/use-session-info';
import { useStudioSessions } from '../sessions/use-studio-sessions';
import { studioDb } from '../storage/studio-db';
import { Arrangement } from './Arrangement';
import { TransportBar } from './TransportBar';
import { Mixer } from './mixer/Mixer';
import { useUndoKeys } from './undo-keys';

// One cache for the page: modules stay compiled across sessions opened in it.
const modules = new ModuleCache();

export function StudioRoom() {
  const [faults, setFaults] = useState<EngineFault[]>([]);
  // The open session (the last one opened here, else the demo), saved as it changes.
  const [sessions, snapshot] = useStudioSessions(studioDb(), modules, (more) => setFaults((known) => [...known, ...more]));
  const loading = snapshot.opening;
  const transport = loading.stage === 'ready' ? loading.transport : null;
  const info = useSessionInfo(transport, snapshot.name);
  // Bumped when the audio path was rebuilt (after a stall): the engine's state views are new.
  const [, setAudioPath] = useState(0);
  const [mixerOpen, setMixerOpen] = useState(true);
  useUndoKeys(transport);

  useEffect(() => {
    setFaults([]);
    if (transport !== null) transport.onRebuilt = () => setAudioPath((n) => n + 1);
  }, [transport]);

  return (
    <AudioImportProvider transport={transport} db={studioDb()}>
    <div className="studio">
      <header className="top-bar">
        <span className="brand">WASM Studio</span>
        {/* The Forge and the Gallery join this list when they exist (their issues); no dead links. */}
        <nav aria-label="Places">
          <a href="/studio" aria-current="page">Studio</a>
        </nav>
        <SessionHeader sessions={sessions} snapshot={snapshot}>
          <ImportButton />
        </SessionHeader>
      </header>
      {loading.stage === 'ready' ? <TransportBar transport={loading.transport} /> : null}
      <ImportDropArea className="arrangement" label="Arrangement">
        <ImportStatus />
        {loading.stage === 'loading' ? <p role="status">{loading.what}</p> : null}
        {loading.stage === 'failed' ? (
          <div role="alert" className="error">
            <p>The session could not be opened: {loading.message}</p>
            <p>
              Your work is kept in this browser. Open another session from Sessions, start a New session, or{' '}
              <button type="button" onClick={() => void sessions?.openTheDemo()}>open the demo</button>.
            </p>
          </div>
        ) : null}
        {loading.stage === 'ready' && info !== null ? (
          <>
            <p className="hint">Press Space or Play to hear the session. Home returns to the start. Drop audio files here to import them.</p>
            <Arrangement info={info} state={loading.transport.engine.state} sampleRate={loading.transport.context.sampleRate} />
          </>
        ) : null}
        {faults.length > 0 ? (
          <ul className="faults" aria-label="Plugin faults">
            {faults.map((f, i) => (
              <li key={i}>{f.kind === 'stalled' || f.kind === 'over time budget' ? f.message : `${f.track}, insert ${f.slot + 1} (${f.insert}): ${f.kind}. It is bypassed. ${f.message}`}</li>
            ))}
          </ul>
        ) : null}
      </ImportDropArea>
      {loading.stage === 'ready' ? (
        <footer className="mixer-dock">
          <button type="button" className="mixer-toggle" aria-expanded={mixerOpen} aria-controls={mixerOpen ? 'mixer' : undefined} onClick={() => setMixerOpen((open) => !open)}>
            Mixer
          </button>
          {mixerOpen ? <Mixer id="mixer" transport={loading.transport} faults={faults} /> : null}
        </footer>
      ) : null}
    </div>
    </AudioImportProvider>
  );
}
