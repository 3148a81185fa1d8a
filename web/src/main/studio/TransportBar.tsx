// Return to start, Play, Stop; the position; the tempo, signature and loop (editable:
// timeline/TempoControls); the master meter; Export mix.
// Keys (docs of the studio's face): Space plays and stops, Home returns to start, and so does
// Enter while stopped, except where focus is in a text field or Enter belongs to a button, a link
// or a disclosure (the export's download and stems).
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

import { STATE_PLAYING, STATE_POSITION } from '../../shared/engine-protocol';
import { spokenBarBeat } from '../format/time';
import { EngineLoad } from './EngineLoad';
import { ExportMix } from './ExportMix';
import { MasterMeter } from './MasterMeter';
import { PositionDisplay } from './PositionDisplay';
import { TempoControls } from './timeline/TempoControls';
import { useTimelineView } from './timeline/timeline-store';
import type { Transport } from './transport';
import { announce, useAnnouncer } from '../a11y/announcer';

export function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function enterActivates(target: EventTarget | null): boolean {
  return target instanceof HTMLButtonElement || (target instanceof HTMLElement && target.matches('a[href], summary'));
}

export function TransportBar({ transport }: { transport: Transport }) {
  const [playing, setPlaying] = useState(false);
  const state = transport.engine.state;
  // Drawn again after every edit: the export renders the session as it is now (an import's
  // tracks and sources included).
  useSyncExternalStore(useCallback((listener: () => void) => transport.session.subscribe(listener), [transport]), () => transport.session.sessionText);

  // The engine is the truth (it stops by itself at no point yet, but a seek or a fault may
  // follow): follow its flag at display rate. A change of it is said through the studio's live
  // region (never kept quiet: it is the transport) and told to the announcer, which may keep
  // other news quiet while playing. Only the engine's own changes are said: the button's
  // optimistic state would be said twice when the engine answers late.
  useEffect(() => {
    let frame = 0;
    let engineFlag: boolean | null = null;
    const follow = () => {
      frame = requestAnimationFrame(follow);
      const now = state[STATE_PLAYING] !== 0;
      setPlaying(now);
      if (engineFlag !== null && now !== engineFlag) {
        useAnnouncer.getState().setPlaying(now);
        const signature = transport.session.document.timeSignature as { numerator: number; denominator: number } | undefined;
        const tempo = transport.session.document.tempo as number | undefined;
        const at = spokenBarBeat(state[STATE_POSITION], transport.context.sampleRate, tempo ?? transport.info.tempo, signature ?? transport.info.timeSignature);
        announce(now ? 'Playing' : `Stopped at ${at}`, 'transport');
      }
      engineFlag = now;
    };
    frame = requestAnimationFrame(follow);
    return () => cancelAnimationFrame(frame);
  }, [state, transport]);

  const play = useCallback(() => {
    setPlaying(true);
    void transport.play();
  }, [transport]);
  const stop = useCallback(() => {
    setPlaying(false);
    transport.stop();
  }, [transport]);
  const toStart = useCallback(() => {
    transport.returnToStart();
    announce('At the start', 'transport');
  }, [transport]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingInto(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.code === 'Space') {
        event.preventDefault();  // also keeps a focused button from clicking on keyup
        if (event.type === 'keydown' && !event.repeat) {
          if (state[STATE_PLAYING] !== 0) stop();
          else play();
        }
      } else if (event.type === 'keydown' && (event.key === 'Home' || (event.key === 'Enter' && state[STATE_PLAYING] === 0 && !enterActivates(event.target)))) {
        event.preventDefault();
        toStart();
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
    };
  }, [play, stop, toStart, state]);

  const { info } = transport;
  const renderAssets = useCallback(() => transport.renderAssets(), [transport]);
  const { tempo, signature } = useTimelineView(transport);
  return (
    <section className="transport" aria-label="Transport">
      <div className="transport-buttons">
        <button type="button" className="transport-button" onClick={toStart} aria-label="Return to start" aria-keyshortcuts="Home" title="Return to start (Home)">
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 3h2v10H3zM13 3v10L6 8z" /></svg>
        </button>
        <button type="button" className="transport-button play" onClick={play} aria-label="Play" aria-pressed={playing} aria-keyshortcuts="Space" title="Play (Space)">
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11L13.5 8z" /></svg>
        </button>
        <button type="button" className="transport-button" onClick={stop} aria-label="Stop" aria-keyshortcuts="Space" title="Stop (Space)">
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3.5 3.5h9v9h-9z" /></svg>
        </button>
      </div>
      <PositionDisplay state={state} tempo={tempo} signature={signature} sampleRate={transport.context.sampleRate} />
      <div className="transport-facts">
        <TempoControls transport={transport} />
        <EngineLoad transport={transport} />
      </div>
      <MasterMeter state={state} />
      <ExportMix assets={renderAssets} sampleRate={transport.context.sampleRate} sessionName={info.name} />
    </section>
  );
}
