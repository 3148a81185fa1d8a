// A strip's "Add insert" list: the factory plugins by name; choosing one adds it at the end of the
// strip's chain (Transport.addInsert, one edit) and opens its window.
import { useEffect, useState } from 'react';

import { factoryCatalog } from '../../audio/session-assets';
import type { Transport } from '../transport';

function useFactoryPlugins(): { id: string; name: string }[] {
  const [plugins, setPlugins] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let current = true;
    factoryCatalog()
      .then((entries) => {
        if (current) setPlugins(entries.map((e) => ({ id: e.descriptor.id, name: e.descriptor.name })).sort((a, b) => a.name.localeCompare(b.name)));
      })
      .catch(() => {});
    return () => { current = false; };
  }, []);
  return plugins;
}

export function AddInsert({ transport, chain, chainName, onAdded, onRefused }: {
  transport: Transport; chain: string; chainName: string; onAdded: (insert: string) => void; onRefused: (message: string) => void;
}) {
  const plugins = useFactoryPlugins();
  const [busy, setBusy] = useState(false);
  if (plugins.length === 0) return null;
  return (
    <select className="add-insert" aria-label={`Add an insert to ${chainName}`} value="" disabled={busy}
      onChange={(event) => {
        const pluginId = event.target.value;
        setBusy(true);
        transport.addInsert(chain, pluginId)
          .then((added) => {
            if (added.ok) onAdded(added.insert);
            else onRefused(`The insert could not be added: ${added.errors.map((e) => e.message).join('; ')}`);
          })
          .catch((error: unknown) => onRefused(`The insert could not be added: ${error instanceof Error ? error.message : String(error)}. Reload the page and try again.`))
          .finally(() => setBusy(false));
      }}>
      <option value="" disabled>+ Insert…</option>
      {plugins.map((plugin) => <option key={plugin.id} value={plugin.id}>{plugin.name}</option>)}
    </select>
  );
}
