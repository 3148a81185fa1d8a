// The transport bar's tempo, time signature and loop: typed values (Enter or leaving the field
// sets them, Escape puts them back; Up/Down step the tempo by 1 bpm, with Shift by 10), each an
// edit (tempo.set, timeSignature.set, loop.set) that undo takes back. The loop button (L) turns
// the loop region on and off; its start and end are typed as bars ("5" or "5.3"). The ruler and
// the position follow, as they read the session.
import { useEffect, useId, useState } from 'react';

import type { Transport } from '../transport';
import { typingInto } from '../TransportBar';
import {
  SIGNATURE_DENOMINATORS, batch, parseBarPosition, parseNumerator, parseTempo, setSignatureOps, setTempoOps, type Parsed,
} from './timeline-edits';
import { barBeat, quartersPerBar, quartersPerBeat } from './timeline-model';
import { useTimelineView } from './timeline-store';
import { setLoop } from './transport-actions';

// A typed value: what it shows when not being typed over, how a typed text reads, and the edit.
function ValueField({ label, shown, parse, onSet, step, className, width }: {
  label: string; shown: string; parse: (text: string) => Parsed; onSet: (value: number) => void;
  step?: (value: string, up: boolean, big: boolean) => number | null; className?: string; width: string;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState('');
  const errorId = useId();
  const finish = () => {
    if (typed === null) return;
    const parsed = parse(typed);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setTyped(null);
    setError('');
    onSet(parsed.value);
  };
  return (
    <span className={`value-field ${className ?? ''}`}>
      <input type="text" inputMode="decimal" value={typed ?? shown} aria-label={label} style={{ width }}
        aria-invalid={error !== ''} aria-describedby={error !== '' ? errorId : undefined}
        onChange={(event) => setTyped(event.target.value)} onFocus={(event) => event.target.select()} onBlur={finish}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            finish();
          } else if (event.key === 'Escape') {
            setTyped(null);
            setError('');
          } else if (step !== undefined && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
            event.preventDefault();
            const next = step(typed ?? shown, event.key === 'ArrowUp', event.shiftKey);
            if (next !== null) {
              setTyped(null);
              setError('');
              onSet(next);
            }
          }
        }} />
      {error !== '' ? <span id={errorId} className="field-error" role="alert">{error}</span> : null}
    </span>
  );
}

const tempoText = (bpm: number) => String(Math.round(bpm * 1000) / 1000);
const barText = (beats: number, signature: { numerator: number; denominator: number }) => {
  const { bar, beat } = barBeat(beats, signature);
  return beat === 1 ? String(bar) : `${bar}.${beat}`;
};

export function TempoControls({ transport }: { transport: Transport }) {
  const view = useTimelineView(transport);
  const [message, setMessage] = useState('');
  const apply = async (ops: object[]) => {
    const result = await transport.apply(batch(ops as Record<string, unknown>[]));
    setMessage(result.ok ? '' : `Refused: ${result.errors.map((e) => e.message).join('; ')}`);
  };
  const { signature, loop } = view;
  const bar = quartersPerBar(signature);
  const beat = quartersPerBeat(signature);
  const toggleLoop = () => void setLoop(transport, { ...loop, enabled: !loop.enabled }).then(setMessage);

  // L turns the loop on and off (studio-design.md, "Keys"), except in a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      if (event.key !== 'l' && event.key !== 'L') return;
      if (event.target instanceof Element && event.target.closest('[role="menu"], [role="dialog"]') !== null) return;
      event.preventDefault();
      toggleLoop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="tempo-controls" role="group" aria-label="Tempo, time signature and loop">
      <label className="tempo-field">
        <ValueField label="Tempo in bpm" shown={tempoText(view.tempo)} parse={parseTempo} width="4.5ch"
          onSet={(bpm) => void apply(setTempoOps(bpm))}
          step={(text, up, big) => {
            const parsed = parseTempo(text);
            const from = parsed.ok ? parsed.value : view.tempo;
            const next = Math.min(999, Math.max(20, Math.round(from) + (up ? 1 : -1) * (big ? 10 : 1)));
            return next === from ? null : next;
          }} />
        <span aria-hidden="true">bpm</span>
      </label>
      <span className="signature-field">
        <ValueField label="Beats per bar" shown={String(signature.numerator)} parse={parseNumerator} width="2.5ch"
          onSet={(numerator) => void apply(setSignatureOps(numerator, signature.denominator))}
          step={(text, up) => {
            const parsed = parseNumerator(text);
            const next = (parsed.ok ? parsed.value : signature.numerator) + (up ? 1 : -1);
            return next >= 1 && next <= 32 ? next : null;
          }} />
        <span aria-hidden="true">/</span>
        <select aria-label="Beat unit" value={signature.denominator}
          onChange={(event) => void apply(setSignatureOps(signature.numerator, Number(event.target.value)))}>
          {SIGNATURE_DENOMINATORS.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </span>
      <span className="loop-controls">
        <button type="button" className="loop-button" aria-pressed={loop.enabled} aria-keyshortcuts="L" title="Loop (L)" onClick={toggleLoop}>Loop</button>
        <ValueField label="Loop start bar" shown={barText(loop.start, signature)} width="4ch"
          parse={(text) => parseBarPosition(text, bar, beat)}
          onSet={(start) => void (start < loop.end
            ? setLoop(transport, { ...loop, start }).then(setMessage)
            : setMessage('The loop must start before it ends.'))} />
        <span aria-hidden="true">to</span>
        <ValueField label="Loop end bar" shown={barText(loop.end, signature)} width="4ch"
          parse={(text) => parseBarPosition(text, bar, beat)}
          onSet={(end) => void (end > loop.start
            ? setLoop(transport, { ...loop, end }).then(setMessage)
            : setMessage('The loop must end after it starts.'))} />
      </span>
      {message !== '' ? <span className="field-error" role="alert">{message}</span> : null}
    </div>
  );
}
