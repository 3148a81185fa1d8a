// One parameter's control in a plugin window, by its type in the descriptor: a knob for a
// number (a slider to assistive technology, its value text in the unit; arrows, Shift for fine
// steps, Page Up/Down, Home/End, the wheel, a drag with Shift for fine, double-click for the
// default; an integer moves by whole numbers), a switch for on/off, a list for a choice; and an
// editable value field beside it that takes a typed value in the parameter's unit ("-6 dB",
// "2.5k", "30%"). A knob's moves are heard at once and kept as one edit when the move ends; the
// rest are both at once.
import { useId, useState } from 'react';

import { Slider } from '../mixer/Slider';
import { type ParamDescriptor, paramScale, paramText, parseParamText } from './param-scale';

export interface ParamHandlers {
  live: (param: number, value: number) => void; // heard at once, not kept
  keep: (param: number, value: number) => void; // one edit
}

function ValueField({ param, value, onSet }: { param: ParamDescriptor; value: number; onSet: (value: number) => void }) {
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState('');
  const errorId = useId();
  const finish = () => {
    if (typed === null) return;
    const parsed = parseParamText(param, typed);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setTyped(null);
    setError('');
    if (parsed.value !== value) onSet(parsed.value);
  };
  const shown = param.type === 'choice' ? param.choices?.[Math.round(value)] ?? String(value) : param.type === 'bool' ? (value >= 0.5 ? 'on' : 'off') : paramText(param, value);
  return (
    <>
      <input className="param-field" type="text" value={typed ?? shown} spellCheck={false}
        aria-label={`${param.name} value`} aria-invalid={error !== ''} aria-describedby={error !== '' ? errorId : undefined}
        onChange={(event) => setTyped(event.target.value)} onFocus={(event) => event.target.select()} onBlur={finish}
        onKeyDown={(event) => {
          if (event.key === 'Enter') finish();
          if (event.key === 'Escape' && (typed !== null || error !== '')) {
            event.stopPropagation();  // the field's, not the window's: Escape again closes the window
            setTyped(null);
            setError('');
          }
        }} />
      {error !== '' ? <span id={errorId} className="param-error" role="alert">{error}</span> : null}
    </>
  );
}

export function ParamControl({ param, value, handlers }: { param: ParamDescriptor; value: number; handlers: ParamHandlers }) {
  const [draft, setDraft] = useState<number | null>(null);
  const set = (next: number) => {
    handlers.live(param.id, next);
    handlers.keep(param.id, next);
  };
  if (param.type === 'bool') {
    return (
      <div className="param param-toggle" data-param={param.key}>
        <label>
          <input type="checkbox" className="toggle" checked={value >= 0.5} onChange={(event) => set(event.target.checked ? 1 : 0)}
            onDoubleClick={() => set(param.default)} />
          <span>{param.name}</span>
        </label>
      </div>
    );
  }
  if (param.type === 'choice') {
    return (
      <div className="param param-choice" data-param={param.key}>
        <label>
          <span>{param.name}</span>
          <select value={Math.round(value)} onChange={(event) => set(Number(event.target.value))}>
            {(param.choices ?? []).map((choice, i) => <option key={choice} value={i}>{choice}</option>)}
          </select>
        </label>
      </div>
    );
  }
  const scale = paramScale(param);
  return (
    <div className="param param-knob" data-param={param.key}>
      <span className="param-name" aria-hidden="true" onDoubleClick={() => set(param.default)}>{param.name}</span>
      <Slider scale={scale} value={value} label={param.name} orientation="vertical" look="knob" className="param-range"
        onLive={(next) => handlers.live(param.id, next)} onCommit={(next) => handlers.keep(param.id, next)} onDraft={setDraft} />
      <ValueField param={param} value={draft ?? value} onSet={set} />
    </div>
  );
}
