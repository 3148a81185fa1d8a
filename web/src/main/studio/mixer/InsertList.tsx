// A strip's inserts as a list a screen reader can walk: each names its plugin, its track and its
// state (bypassed, failed and why), opens its window, and moves in the chain by Alt+Up/Alt+Down
// or by dragging it onto another insert of the strip (one insert.move each, undone whole). A
// failed plugin shows its reason on its slot. Bypass toggles from the slot's B button.
import { memo, useEffect, useId, useRef, useState } from 'react';

import type { EngineFault } from '../../../shared/engine-protocol';
import type { Transport } from '../transport';
import { droppedIndex, insertLabel, keyedIndex } from './insert-order';
import type { StripView } from './mixer-store';

type Edit = (ops: object[]) => void;
const DRAG_TYPE = 'application/x-wasm-studio-insert';

// A factory plugin reads by its short id ("compressor"); an uploaded one by its descriptor's name.
function pluginName(transport: Transport, id: string): string {
  if (id.startsWith('studio.wasm.')) return id.slice('studio.wasm.'.length);
  return transport.descriptors[id]?.name ?? id;
}

export const InsertList = memo(function InsertList({ transport, strip, faults, cpu, edit, onOpen }: {
  transport: Transport; strip: StripView; faults: EngineFault[]; cpu: Record<string, number>; edit: Edit; onOpen: (insert: string) => void;
}) {
  const hintId = useId();
  const list = useRef<HTMLUListElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const refocus = useRef<string | null>(null);

  // A moved insert keeps the focus (the list is drawn again in the new order).
  useEffect(() => {
    if (refocus.current === null) return;
    const button = list.current?.querySelector<HTMLButtonElement>(`li[data-insert="${CSS.escape(refocus.current)}"] .insert-name`);
    if (button !== null && button !== undefined && document.activeElement !== button) button.focus();
    if (strip.inserts.some((i) => i.id === refocus.current)) refocus.current = null;
  }, [strip.inserts]);

  const move = (id: string, index: number) => {
    const name = pluginName(transport, strip.inserts.find((i) => i.id === id)?.plugin ?? id);
    refocus.current = id;
    edit([{ op: 'insert.move', id, index }]);
    setSaid(`${name} moved to slot ${index + 1} of ${strip.inserts.length}.`);
  };

  return (
    <>
      <ul ref={list} className="strip-inserts" aria-label={`${strip.name} inserts`}>
        {strip.inserts.map((insert, index) => {
          const fault = faults.find((f) => f.insert === insert.id);
          const name = pluginName(transport, insert.plugin);
          const classes = [insert.bypass ? 'bypassed' : '', fault !== undefined ? 'faulted' : '', over === insert.id && dragging !== insert.id ? 'drop-target' : '',
            dragging === insert.id ? 'dragging' : ''].filter((c) => c !== '').join(' ');
          return (
            <li key={insert.id} className={classes || undefined} data-insert={insert.id} draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, insert.id);
                event.dataTransfer.effectAllowed = 'move';
                setDragging(insert.id);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onDragOver={(event) => {
                if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setOver(insert.id);
              }}
              onDragLeave={() => setOver((now) => (now === insert.id ? null : now))}
              onDrop={(event) => {
                const id = event.dataTransfer.getData(DRAG_TYPE);
                setOver(null);
                setDragging(null);
                const to = droppedIndex(strip.inserts.findIndex((i) => i.id === id), index, strip.inserts.length);
                if (to === null) return;
                event.preventDefault();
                move(id, to);
              }}>
              <button type="button" className="insert-name" onClick={() => onOpen(insert.id)} aria-describedby={hintId}
                aria-label={insertLabel(name, strip.name, insert.bypass, fault)}
                onKeyDown={(event) => {
                  if (!event.altKey || event.ctrlKey || event.metaKey) return;
                  const to = keyedIndex(index, strip.inserts.length, event.key);
                  if (event.key === 'ArrowUp' || event.key === 'ArrowDown') event.preventDefault();
                  if (to !== null) move(insert.id, to);
                }}>
                {name}
              </button>
              <button type="button" className="insert-bypass" aria-pressed={insert.bypass} aria-label={`Bypass ${name} on ${strip.name}`} title="Bypass"
                onClick={() => edit([{ op: 'insert.setBypass', insert: insert.id, bypass: !insert.bypass }])}>B</button>
              {insert.bypass ? <span className="insert-state">bypassed</span> : null}
              <span className="insert-cpu">{cpu[insert.id] ?? 0}%<span className="visually-hidden"> CPU</span></span>
              {fault !== undefined ? <span className="fault-badge" title={fault.message}>Failed ({fault.kind}): {fault.message}</span> : null}
            </li>
          );
        })}
        {strip.inserts.length === 0 ? <li className="no-inserts">No inserts</li> : null}
      </ul>
      <span id={hintId} hidden>Alt+Up or Alt+Down moves it in the chain.</span>
      <span className="visually-hidden" role="status">{said}</span>
    </>
  );
});
