// The presets part of a plugin window: the plugin's factory presets (from the server) in a list,
// and the musician's own (own-presets.ts): save the current settings under a name, apply,
// rename, delete. Applying any preset is one edit (every parameter it names), heard at once and
// undone whole.
import { useCallback, useEffect, useState } from 'react';

import type { StoredPreset } from '../../storage/studio-db';
import { studioDb } from '../../storage/studio-db';
import { checkPresetName, deleteOwnPreset, renameOwnPreset, saveOwnPreset, syncOwnPresets } from './own-presets';
import { currentLogin } from './server-api';

interface FactoryPreset {
  name: string;
  params: Record<string, number>;
}

// GET /api/v1/presets/{pluginId}/factory; none when it has none or is not a factory plugin.
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

export function Presets({ pluginId, pluginName, current, apply }: {
  pluginId: string;
  pluginName: string;
  current: () => Record<string, number>; // every parameter's value now
  apply: (params: Record<string, number>) => void;
}) {
  const factory = useFactoryPresets(pluginId);
  const [own, setOwn] = useState<StoredPreset[]>([]);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [message, setMessage] = useState('');

  const reload = useCallback(async (sync: boolean) => {
    const db = studioDb();
    setOwn(await syncOwnPresets(db, sync ? await currentLogin() : null, pluginId));
  }, [pluginId]);
  useEffect(() => {
    reload(true).catch((error: unknown) => setMessage(`Your presets could not be read: ${error instanceof Error ? error.message : String(error)}.`));
  }, [reload]);

  const run = async (work: () => Promise<string>) => {
    try {
      setMessage(await work());
      await reload(false);
    } catch (error) {
      setMessage(`That did not work: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`);
    }
  };
  const save = () => {
    const problem = checkPresetName(name);
    if (problem !== null) return setMessage(problem);
    void run(async () => {
      const outcome = await saveOwnPreset(studioDb(), await currentLogin(), pluginId, name, current());
      setName('');
      return outcome.serverProblem || `Saved "${outcome.preset!.name}".`;
    });
  };
  const rename = () => {
    if (renaming === null) return;
    const problem = checkPresetName(renaming.name);
    if (problem !== null) return setMessage(problem);
    void run(async () => {
      const outcome = await renameOwnPreset(studioDb(), await currentLogin(), renaming.id, renaming.name);
      setRenaming(null);
      return outcome.serverProblem || `Renamed to "${renaming.name.trim()}".`;
    });
  };

  return (
    <div className="presets">
      {factory.length > 0 ? (
        <label className="preset-menu">
          <span>Preset</span>
          <select value="" onChange={(event) => {
            const preset = factory[Number(event.target.value)];
            if (preset !== undefined) apply(preset.params);
          }}>
            <option value="" disabled>Factory presets…</option>
            {factory.map((preset, i) => <option key={preset.name} value={i}>{preset.name}</option>)}
          </select>
        </label>
      ) : null}
      <form className="preset-save" onSubmit={(event) => {
        event.preventDefault();
        save();
      }}>
        <input type="text" value={name} maxLength={128} placeholder="Preset name" aria-label={`Name for a new ${pluginName} preset`}
          onChange={(event) => setName(event.target.value)} />
        <button type="submit">Save preset</button>
      </form>
      {own.length > 0 ? (
        <ul className="own-presets" aria-label="Your presets">
          {own.map((preset) => (
            <li key={preset.id}>
              {renaming?.id === preset.id ? (
                <form onSubmit={(event) => {
                  event.preventDefault();
                  rename();
                }}>
                  <input type="text" value={renaming.name} maxLength={128} aria-label={`New name for ${preset.name}`} autoFocus
                    onChange={(event) => setRenaming({ id: preset.id, name: event.target.value })}
                    onKeyDown={(event) => {
                      if (event.key === 'Escape') {
                        event.stopPropagation();
                        setRenaming(null);
                      }
                    }} />
                  <button type="submit">Save name</button>
                  <button type="button" onClick={() => setRenaming(null)}>Cancel</button>
                </form>
              ) : (
                <>
                  <button type="button" className="preset-apply" onClick={() => apply(preset.params)} aria-label={`Apply ${preset.name}`}>{preset.name}</button>
                  {preset.serverId !== undefined ? <span className="preset-where" title="Also saved on the server">server</span> : null}
                  <button type="button" onClick={() => setRenaming({ id: preset.id, name: preset.name })} aria-label={`Rename ${preset.name}`}>Rename</button>
                  <button type="button" onClick={() => void run(async () => {
                    const outcome = await deleteOwnPreset(studioDb(), await currentLogin(), preset.id);
                    return outcome.serverProblem || `Deleted "${preset.name}".`;
                  })} aria-label={`Delete ${preset.name}`}>Delete</button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="preset-message" role="status">{message}</p>
    </div>
  );
}
