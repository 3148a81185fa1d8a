// A plugin's window: a floating panel (several may be open; the one clicked or focused comes to
// the front) with a control for every parameter of the insert's plugin, generated from its
// descriptor (ParamControl.tsx), a search box that filters them by name, its presets
// (Presets.tsx), Bypass and Remove. It moves by its title bar (a drag) or by its Move button's
// arrow keys, and resizes by its corner (a drag, or that button's arrow keys); where it was and
// how big is remembered per insert (window-memory.ts). It opens and closes with a short fade and
// scale, none when the system asks for reduced motion. Escape or Close closes it.
//
// Every change is an edit through the transport (undo takes it back); the session model is the
// truth for the values, re-read after every edit, undo and redo.
import { motion, useReducedMotion } from 'motion/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';

import { studioDb } from '../../storage/studio-db';
import type { Transport } from '../transport';
import type { ParamDescriptor } from './param-scale';
import { ParamControl, type ParamHandlers } from './ParamControl';
import { Presets } from './Presets';
import { type OpenInsert } from './window-stack';
import { type WindowPlace, MIN_HEIGHT, MIN_WIDTH, defaultPlace, fitPlace, loadPlace, savePlace } from './window-memory';

export type { OpenInsert } from './window-stack';

export interface InsertInSession {
  id: string;
  plugin: { id: string; format?: string; sha256?: string };
  params?: Record<string, number>;
  bypass?: boolean;
}

export function insertOf(transport: Transport, open: OpenInsert): { insert: InsertInSession; slot: number; trackName: string } | null {
  const document = transport.session.document;
  const track = open.track === 'master' ? null : document.tracks.find((t) => t.id === open.track);
  const chain = (open.track === 'master' ? document.master.inserts : track?.inserts) as InsertInSession[] | undefined;
  const slot = chain?.findIndex((i) => i.id === open.insert) ?? -1;
  if (chain === undefined || slot < 0) return null;
  return { insert: chain[slot], slot, trackName: open.track === 'master' ? 'Master' : track?.name ?? open.track };
}

const MOVE_STEP = 10; // px per arrow key; Shift: 1
const viewport = () => ({ width: window.innerWidth, height: window.innerHeight });

// The window's place: the remembered one once read, fitted to the viewport; saved when a move or
// resize ends.
function usePlace(insert: string, index: number) {
  const [place, setPlace] = useState<WindowPlace>(() => fitPlace(defaultPlace(index), viewport()));
  const latest = useRef(place);
  latest.current = place;
  const touched = useRef(false);
  useEffect(() => {
    let current = true;
    void loadPlace(studioDb(), insert).then((stored) => {
      if (current && stored !== null && !touched.current) setPlace(fitPlace(stored, viewport()));
    });
    return () => { current = false; };
  }, [insert]);
  const change = useCallback((next: (now: WindowPlace) => WindowPlace) => {
    touched.current = true;
    setPlace((now) => fitPlace(next(now), viewport()));
  }, []);
  const remember = useCallback(() => void savePlace(studioDb(), insert, latest.current), [insert]);
  return { place, change, remember };
}

// Arrow keys as a change of place: a move (dx, dy) or, for a resize, of (width, height).
function arrowDelta(event: React.KeyboardEvent): [number, number] | null {
  const step = event.shiftKey ? 1 : MOVE_STEP;
  switch (event.key) {
    case 'ArrowLeft': return [-step, 0];
    case 'ArrowRight': return [step, 0];
    case 'ArrowUp': return [0, -step];
    case 'ArrowDown': return [0, step];
    default: return null;
  }
}

function matches(param: ParamDescriptor, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  const name = param.name.toLowerCase();
  return words.every((word) => name.includes(word));
}

export function PluginWindow({ transport, open, index, layer, onClose, onRaise }: {
  transport: Transport; open: OpenInsert; index: number; layer: number; onClose: () => void; onRaise: () => void;
}) {
  const revision = useSyncExternalStore((listener) => transport.session.subscribe(listener), () => transport.session.sessionText);
  const found = useMemo(() => (revision !== '' ? insertOf(transport, open) : null), [revision, transport, open]);
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const { place, change, remember } = usePlace(open.insert, index);
  const drag = useRef<{ x: number; y: number; kind: 'move' | 'resize' } | null>(null);
  const [query, setQuery] = useState('');
  const reduceMotion = useReducedMotion();

  // Focus comes into the window when it opens and goes back where it was when it closes.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    return () => {
      if (before?.isConnected && (document.activeElement === document.body || document.activeElement === null)) before.focus();
    };
  }, []);

  const handlers: ParamHandlers = useMemo(() => ({
    live: (param, value) => {
      const now = insertOf(transport, open);
      if (now !== null) transport.liveParam(open.track, now.slot, param, value);
    },
    keep: (param, value) => void transport.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.setParam', insert: open.insert, param, value }] }),
  }), [transport, open]);

  if (found === null) return null; // the insert is gone (an edit or undo removed it)
  const descriptor = transport.descriptors[found.insert.plugin.id];
  const pluginName = descriptor?.name ?? found.insert.plugin.id;
  const title = `${pluginName} on ${found.trackName}`;
  const valueOf = (param: ParamDescriptor) => found.insert.params?.[String(param.id)] ?? param.default;
  const shownParams = descriptor?.params.filter((p) => matches(p, query)) ?? [];

  const applyPreset = (params: Record<string, number>) => {
    const values = Object.entries(params).map(([id, value]) => [Number(id), Number(value)] as const);
    for (const [id, value] of values) transport.liveParam(open.track, found.slot, id, value);
    void transport.apply({ format: 'wasm-studio-ops', version: 1, ops: values.map(([param, value]) => ({ op: 'insert.setParam', insert: open.insert, param, value })) });
  };
  const startDrag = (kind: 'move' | 'resize') => (event: React.PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    if (kind === 'move' && (event.target as HTMLElement).closest('button, input, select')) return;
    drag.current = kind === 'move' ? { x: event.clientX - place.x, y: event.clientY - place.y, kind } : { x: event.clientX - place.width, y: event.clientY - place.height, kind };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onDrag = (event: React.PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (d === null) return;
    if (d.kind === 'move') change((now) => ({ ...now, x: event.clientX - d.x, y: event.clientY - d.y }));
    else change((now) => ({ ...now, width: Math.max(MIN_WIDTH, event.clientX - d.x), height: Math.max(MIN_HEIGHT, event.clientY - d.y) }));
  };
  const endDrag = () => {
    if (drag.current === null) return;
    drag.current = null;
    remember();
  };
  const byKeys = (kind: 'move' | 'resize') => (event: React.KeyboardEvent) => {
    const delta = arrowDelta(event);
    if (delta === null) return;
    event.preventDefault();
    event.stopPropagation();
    if (kind === 'move') change((now) => ({ ...now, x: now.x + delta[0], y: now.y + delta[1] }));
    else change((now) => ({ ...now, width: now.width + delta[0], height: now.height + delta[1] }));
  };

  return (
    <motion.div ref={panel} className="plugin-window" role="dialog" aria-labelledby={titleId} tabIndex={-1} data-insert={open.insert}
      style={{ left: place.x, top: place.y, width: place.width, height: place.height, zIndex: 100 + layer }}
      initial={reduceMotion ? false : { opacity: 0, scale: 0.96 }} animate={{ opacity: 1, scale: 1 }}
      exit={reduceMotion ? { opacity: 0, transition: { duration: 0 } } : { opacity: 0, scale: 0.96, transition: { duration: 0.12 } }}
      transition={{ duration: reduceMotion ? 0 : 0.15 }}
      onPointerDownCapture={onRaise} onFocusCapture={onRaise}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}>
      <div className="plugin-window-title" onPointerDown={startDrag('move')} onPointerMove={onDrag} onPointerUp={endDrag} onPointerCancel={endDrag}>
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="window-move" aria-label={`Move ${title}: arrow keys, Shift for small steps`} title="Move (arrow keys)"
          onKeyDown={byKeys('move')} onKeyUp={(event) => { if (arrowDelta(event) !== null) remember(); }}>✥</button>
        <button type="button" onClick={onClose} aria-label={`Close ${title}`}>Close</button>
      </div>
      <div className="plugin-window-tools">
        <label>
          <input type="checkbox" checked={found.insert.bypass === true} onChange={(event) => void transport.apply({ format: 'wasm-studio-ops',
            version: 1, ops: [{ op: 'insert.setBypass', insert: open.insert, bypass: event.target.checked }] })} />
          Bypass
        </label>
        <button type="button" onClick={() => void transport.apply({ format: 'wasm-studio-ops', version: 1,
          ops: [{ op: 'insert.remove', id: open.insert }] })}>Remove</button>
      </div>
      {descriptor === undefined ? (
        <p>This plugin's parameters are not known here (it did not come from the factory catalog, an upload or the server).</p>
      ) : (
        <>
          <Presets pluginId={found.insert.plugin.id} pluginName={pluginName} apply={applyPreset}
            current={() => Object.fromEntries(descriptor.params.map((p) => [String(p.id), valueOf(p)]))} />
          <input type="search" className="param-search" value={query} placeholder="Search parameters" aria-label={`Search ${pluginName}'s parameters`}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && query !== '') {
                event.stopPropagation();
                setQuery('');
              }
            }} />
          <div className="plugin-params">
            {shownParams.map((param) => <ParamControl key={param.id} param={param} value={valueOf(param)} handlers={handlers} />)}
          </div>
          {shownParams.length === 0 ? <p className="param-none" role="status">No parameter of {pluginName} is named "{query.trim()}".</p> : null}
        </>
      )}
      <button type="button" className="window-resize" aria-label={`Resize ${title}: arrow keys, Shift for small steps`} title="Resize (drag, or arrow keys)"
        onPointerDown={startDrag('resize')} onPointerMove={onDrag} onPointerUp={endDrag} onPointerCancel={endDrag}
        onKeyDown={byKeys('resize')} onKeyUp={(event) => { if (arrowDelta(event) !== null) remember(); }}>◢</button>
    </motion.div>
  );
}
