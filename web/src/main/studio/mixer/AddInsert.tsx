// A strip's plugin browser: a menu of the factory plugins and the musician's uploaded ones (this
// browser's and, signed in, the account's on the server);
// choosing one adds it at the end of the strip's chain (Transport.addInsert, one edit) and
// opens its window. A menu, not a <select> that acts on change: arrowing through a closed
// select fires a change per step, which would add a plugin for every key press (WCAG 3.2.2). "Upload plugin…" takes a plugin's files (plugins/plugin-upload.ts): the
// server checks it, and an accepted one joins the list of every strip; a refused one's reason
// is said in the musician's terms. Uploading needs an account.
import { DropdownMenu } from 'radix-ui';
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';

import { factoryCatalog } from '../../audio/session-assets';
import { studioDb } from '../../storage/studio-db';
import { classifyPicked, refusalText, uploadPlugin } from '../plugins/plugin-upload';
import { ServerError, currentLogin } from '../plugins/server-api';
import { keepServerUpload } from '../plugins/server-uploads';
import { rememberUploaded } from '../plugins/uploaded-plugins';
import { uploadedList } from '../plugins/uploaded-store';
import type { Transport } from '../transport';

// The factory plugins by name, kept once loaded: a strip the mixer draws as it scrolls into view
// has its menu from its first frame (not a frame later, the strip's controls jumping down).
type FactoryPlugin = { id: string; name: string };
let loadedFactoryPlugins: FactoryPlugin[] = [];

function useFactoryPlugins(): FactoryPlugin[] {
  const [plugins, setPlugins] = useState<FactoryPlugin[]>(loadedFactoryPlugins);
  useEffect(() => {
    if (loadedFactoryPlugins.length > 0) return;
    let current = true;
    factoryCatalog()
      .then((entries) => {
        loadedFactoryPlugins = entries.map((e) => ({ id: e.descriptor.id, name: e.descriptor.name })).sort((a, b) => a.name.localeCompare(b.name));
        if (current) setPlugins(loadedFactoryPlugins);
      })
      .catch(() => {});
    return () => { current = false; };
  }, []);
  return plugins;
}

const UPLOADED = 'uploaded:';
const SIGN_IN = 'Uploading a plugin needs an account: sign in (or sign up) from the header, then upload it again.';

export const AddInsert = memo(function AddInsert({ transport, chain, chainName, onAdded, onRefused }: {
  transport: Transport; chain: string; chainName: string; onAdded: (insert: string) => void; onRefused: (message: string) => void;
}) {
  const plugins = useFactoryPlugins();
  const uploaded = useStore(uploadedList);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const picker = useRef<HTMLInputElement>(null);
  const statusId = useId();
  useEffect(() => {
    if (!uploadedList.getState().loaded) void uploadedList.getState().refresh();
  }, []);
  if (plugins.length === 0) return null;

  // An uploaded plugin that is only on the server (another browser uploaded it) is brought into
  // this one first (plugins/server-uploads.ts).
  const add = (value: string) => {
    const listed = value.startsWith(UPLOADED) ? uploaded.plugins.find((p) => p.sha256 === value.slice(UPLOADED.length)) : undefined;
    const pluginId = listed?.descriptor.id ?? value;
    setBusy(true);
    (async () => {
      const mine = listed === undefined ? undefined : await keepServerUpload(studioDb(), listed);
      if (listed !== undefined && !listed.here) await uploadedList.getState().refresh();
      const added = await transport.addInsert(chain, pluginId, mine);
      if (added.ok) onAdded(added.insert);
      else onRefused(`The insert could not be added: ${added.errors.map((e) => e.message).join('; ')}`);
    })()
      .catch((error: unknown) => onRefused(`The insert could not be added: ${error instanceof Error ? error.message : String(error)}. Reload the page and try again.`))
      .finally(() => setBusy(false));
  };

  const upload = async (files: File[]) => {
    const picked = classifyPicked(files);
    if (!picked.ok) return onRefused(picked.error);
    const login = await currentLogin();
    if (login === null) return onRefused(SIGN_IN);
    setBusy(true);
    setStatus(`Uploading ${picked.picked.wasm.name}; the server is checking it…`);
    try {
      const plugin = await uploadPlugin(login, picked.picked);
      await rememberUploaded(studioDb(), plugin, picked.picked.wasm);
      await uploadedList.getState().refresh();
      onRefused('');
      setStatus(`${plugin.descriptor.name} passed the checks and is in the plugin list${plugin.warnings?.length ? ` (noted: ${plugin.warnings.join('; ')})` : ''}.`);
    } catch (error) {
      setStatus('');
      onRefused(error instanceof ServerError ? refusalText(error, picked.picked.wasm.name) : `${picked.picked.wasm.name} could not be uploaded: ${error instanceof Error ? error.message : String(error)}.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="add-insert-box">
      <DropdownMenu.Root modal={false} onOpenChange={(open) => {
        if (open) void uploadedList.getState().refresh();  // another browser may have uploaded one since
      }}>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="add-insert" aria-label={`Add an insert to ${chainName}`} disabled={busy}>+ Insert…</button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu insert-menu" sideOffset={4} align="start" aria-label={`Plugins to insert on ${chainName}`}>
            <DropdownMenu.Group>
              <DropdownMenu.Label className="menu-label">Factory</DropdownMenu.Label>
              {plugins.map((plugin) => (
                <DropdownMenu.Item key={plugin.id} className="menu-item" onSelect={() => add(plugin.id)}>{plugin.name}</DropdownMenu.Item>
              ))}
            </DropdownMenu.Group>
            {uploaded.plugins.length > 0 ? (
              <DropdownMenu.Group>
                <DropdownMenu.Label className="menu-label">Uploaded</DropdownMenu.Label>
                {uploaded.plugins.map((plugin) => (
                  <DropdownMenu.Item key={plugin.sha256} className="menu-item" onSelect={() => add(UPLOADED + plugin.sha256)}>{plugin.label ?? plugin.descriptor.name}</DropdownMenu.Item>
                ))}
              </DropdownMenu.Group>
            ) : null}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <button type="button" className="upload-plugin" disabled={busy} aria-describedby={status !== '' ? statusId : undefined}
        aria-label={`Upload plugin… (${chainName})`} onClick={() => void currentLogin().then((login) => {
          // Signed out: say so before any file is chosen (the click's activation outlives this one request).
          if (login === null) onRefused(SIGN_IN);
          else picker.current?.click();
        })}>Upload plugin…</button>
      <input ref={picker} type="file" multiple accept=".wasm,.json,.js" hidden aria-label={`Plugin files to upload from ${chainName}`}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void upload(files);
        }} />
      <span id={statusId} className="upload-status" role="status">{status}</span>
    </div>
  );
});
