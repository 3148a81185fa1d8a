// A plugin's window: a floating panel (several may be open; drag it by its title bar) with a
// control for every parameter of the insert's plugin, generated from its descriptor in
// descriptor order: a slider for a number (its value in its unit; arrows, Shift for fine steps,
// Page Up/Down, Home/End, the wheel, double-click for the default), a checkbox for a switch, a
// list for a choice. A slider's moves are heard at once through the control ring and kept as
// one session operation when the move ends (undo takes it back whole); a switch or a choice is
// both at once. A factory preset (from the server) sets every parameter it names in one
// operation, heard at once. Bypass and Remove are edits too (undo brings a removed insert back,
// and its window can be opened again). Escape or Close closes it.
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';

import { Slider } from '../mixer/Slider';
import type { Transport } from '../transport';
import { type ParamDescriptor, paramScale } from './param-scale';

export interface OpenInsert {
  track: string; // a track id, or 'master'
  insert: string;
}

interface InsertInSession {
  id: string;
  plugin: { id: string };
  params?: Record<string, number>;
  bypass?: boolean;
}

function insertOf(transport: Transport, open: OpenInsert): { insert: InsertInSession; slot: number; trackName: string } | null {
  const document = transport.session.document;
  const track = open.track === 'master' ? null : document.tracks.find((t) => t.id === open.track);
  const chain = (open.track === 'master' ? document.master.inserts : track?.inserts) as InsertInSession[] | undefined;
  const slot = chain?.findIndex((i) => i.id === open.insert) ?? -1;
  if (chain === undefined || slot < 0) return null;
  return { insert: chain[slot], slot, trackName: open.track === 'master' ? 'Master' : track?.name ?? open.track };
}

function ParamControl({ transport, open, slot, param, value }: {
  transport: Transport; open: OpenInsert; slot: number; param: ParamDescriptor; value: number;
}) {
  const [draft, setDraft] = useState<number | null>(null);
  const keep = useCallback((next: number) => {
    void transport.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.setParam', insert: open.insert, param: param.id, value: next }] });
  }, [transport, open.insert, param.id]);
  const live = useCallback((next: number) => void transport.liveParam(open.track, slot, param.id, next), [transport, open.track, slot, param.id]);
  if (param.type === 'bool') {
    return (
      <label className="param param-toggle">
        <input type="checkbox" checked={value >= 0.5} onChange={(event) => {
          const next = event.target.checked ? 1 : 0;
          live(next);
          keep(next);
        }} />
        <span>{param.name}</span>
      </label>
    );
  }
  if (param.type === 'choice') {
    return (
      <label className="param param-choice">
        <span>{param.name}</span>
        <select value={Math.round(value)} onChange={(event) => {
          const next = Number(event.target.value);
          live(next);
          keep(next);
        }}>
          {(param.choices ?? []).map((choice, i) => <option key={choice} value={i}>{choice}</option>)}
        </select>
      </label>
    );
  }
  const scale = paramScale(param);
  return (
    <div className="param param-slider">
      <span className="param-name" aria-hidden="true">{param.name}</span>
      <Slider scale={scale} value={value} label={param.name} orientation="horizontal" className="param-range"
        onLive={live} onCommit={keep} onDraft={setDraft} />
      <span className="param-value" aria-hidden="true">{scale.text(draft ?? value)}</span>
    </div>
  );
}

interface FactoryPreset {
  name: string;
  params: Record<string, number>;
}

// The plugin's factory presets from the server (GET /api/v1/presets/{pluginId}/factory); none
// when it has none or is not a factory plugin.
function useFactoryPresets(pluginId: string): FactoryPreset[] {
  const [presets, setPresets] = useState<FactoryPreset[]>([]);
  useEffect(() => {
    let current = true;
    fetch(`/api/v1/presets/${encodeURIComponent(pluginId)}/factory`)
      .then(async (response) => (response.ok ? ((await response.json()) as { presets: FactoryPreset[] }).presets : []))
      .then((found) => { if (current) setPresets(found); })
      .catch(() => {});
    return () => { current = false; };
  }, [pluginId]);
  return presets;
}

function PresetMenu({ transport, open, slot, pluginId }: { transport: Transport; open: OpenInsert; slot: number; pluginId: string }) {
  const presets = useFactoryPresets(pluginId);
  if (presets.length === 0) return null;
  return (
    <label className="preset-menu">
      <span>Preset</span>
      <select value="" onChange={(event) => {
        const preset = presets[Number(event.target.value)];
        if (preset === undefined) return;
        const values = Object.entries(preset.params).map(([id, value]) => [Number(id), Number(value)] as const);
        for (const [id, value] of values) transport.liveParam(open.track, slot, id, value);
        void transport.apply({ format: 'wasm-studio-ops', version: 1,
          ops: values.map(([param, value]) => ({ op: 'insert.setParam', insert: open.insert, param, value })) });
      }}>
        <option value="" disabled>Factory presets…</option>
        {presets.map((preset, i) => <option key={preset.name} value={i}>{preset.name}</option>)}
      </select>
    </label>
  );
}

export function PluginWindow({ transport, open, index, onClose }: {
  transport: Transport; open: OpenInsert; index: number; onClose: () => void;
}) {
  // The session model is the truth for the values: re-read after every edit, undo and redo.
  const revision = useSyncExternalStore((listener) => transport.session.subscribe(listener), () => transport.session.sessionText);
  const found = revision !== '' ? insertOf(transport, open) : null;
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ x: 80 + 32 * index, y: 90 + 32 * index });
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => panel.current?.focus(), []);

  if (found === null) return null;  // the insert is gone (an edit or undo removed it)
  const descriptor = transport.descriptors[found.insert.plugin.id];
  const title = `${descriptor?.name ?? found.insert.plugin.id} on ${found.trackName}`;
  return (
    <div ref={panel} className="plugin-window" role="dialog" aria-labelledby={titleId} tabIndex={-1}
      style={{ left: place.x, top: place.y }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}>
      <div className="plugin-window-title"
        onPointerDown={(event) => {
          if ((event.target as HTMLElement).closest('button')) return;
          drag.current = { x: event.clientX - place.x, y: event.clientY - place.y };
          event.currentTarget.setPointerCapture(event.pointerId);
        }}
        onPointerMove={(event) => {
          if (drag.current !== null) setPlace({ x: Math.max(0, event.clientX - drag.current.x), y: Math.max(0, event.clientY - drag.current.y) });
        }}
        onPointerUp={() => { drag.current = null; }}>
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose} aria-label={`Close ${title}`}>Close</button>
      </div>
      <div className="plugin-window-tools">
        <label>
          <input type="checkbox" checked={found.insert.bypass === true} onChange={(event) => void transport.apply({ format: 'wasm-studio-ops',
            version: 1, ops: [{ op: 'insert.setBypass', insert: open.insert, bypass: event.target.checked }] })} />
          Bypass
        </label>
        <PresetMenu transport={transport} open={open} slot={found.slot} pluginId={found.insert.plugin.id} />
        <button type="button" onClick={() => void transport.apply({ format: 'wasm-studio-ops', version: 1,
          ops: [{ op: 'insert.remove', id: open.insert }] })}>Remove</button>
      </div>
      {descriptor === undefined ? (
        <p>This plugin's parameters are not known here (it did not come from the factory catalog or the server).</p>
      ) : (
        <div className="plugin-params">
          {descriptor.params.map((param) => (
            <ParamControl key={param.id} transport={transport} open={open} slot={found.slot} param={param}
              value={found.insert.params?.[String(param.id)] ?? param.default} />
          ))}
        </div>
      )}
    </div>
  );
}
