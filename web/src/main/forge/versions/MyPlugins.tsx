// My plugins (/forge/plugins): the plugins kept from the Forge, each with its versions (their
// message, the current one marked), the .wasm and descriptor of each to download, and a link that
// opens a version in the Forge; a plugin or one of its versions is deleted after asking. The
// studio's plugin menu lists the same modules (they are the user's own plugins on the server,
// and stay so when a plugin is deleted), so any of them can be inserted in any session.
import { useEffect, useState } from 'react';

import { AccountMenu } from '../../server/AccountMenu';
import { useAccount } from '../../server/account-store';
import { DeleteButton } from './DeleteButton';
import { pluginDeletion, versionDeletion } from './deletion';
import { type KeptPlugin, deleteKept, deleteVersion, listKept, versionFile } from './forge-versions-api';
import '../forge.css';

const when = (ms: number) => new Date(ms).toLocaleString();

export function MyPlugins() {
  const signedIn = useAccount((s) => s.status === 'signed-in');
  const [plugins, setPlugins] = useState<KeptPlugin[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!signedIn) return;
    listKept().then(setPlugins, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [signedIn]);

  // After a delete the list is read again (what became current, the lineage); a refusal is
  // thrown to the dialog, which shows it.
  const reread = async () => setPlugins(await listKept());

  return (
    <div className="forge my-plugins-page">
      <header className="top-bar">
        <span className="brand">WASM Studio</span>
        <nav aria-label="Places">
          <a href="/studio">Studio</a>
          <a href="/forge">Forge</a>
          <a href="/forge/plugins" aria-current="page">My plugins</a>
        </nav>
        <span className="toolbar-gap" />
        <AccountMenu />
      </header>
      <main className="my-plugins">
        <h1>My plugins</h1>
        {!signedIn ? <p>Sign in to see the plugins you kept in the Forge.</p> : null}
        {error !== '' ? <p role="alert" className="error">{error}</p> : null}
        {signedIn && plugins === null && error === '' ? <p role="status">Loading your plugins…</p> : null}
        {plugins !== null && plugins.length === 0 ? <p>No plugins kept yet: build one in the <a href="/forge">Forge</a> and keep it.</p> : null}
        {plugins?.map((plugin) => (
          <article key={plugin.id} aria-labelledby={`kept-${plugin.id}`} className="kept-plugin">
            <div className="kept-plugin-head">
              <h2 id={`kept-${plugin.id}`}>{plugin.name}</h2>
              <DeleteButton {...pluginDeletion(plugin)} onDelete={async () => { await deleteKept(plugin.id); await reread(); }} />
            </div>
            <p>
              <a href={`/forge?plugin=${encodeURIComponent(plugin.id)}`}>Open {plugin.name} in the Forge</a>
              {' · '}{plugin.versions.length} version{plugin.versions.length === 1 ? '' : 's'}, kept {when(plugin.createdAt)}
            </p>
            <table aria-label={`Versions of ${plugin.name}`}>
              <thead>
                <tr><th scope="col">Version</th><th scope="col">Made by</th><th scope="col">When</th><th scope="col">Files</th></tr>
              </thead>
              <tbody>
                {plugin.versions.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">v{v.number}{v.id === plugin.currentVersionId ? ' (current)' : ''}</th>
                    <td>{v.message || '(no message)'}</td>
                    <td>{when(v.createdAt)}</td>
                    <td className="files">
                      <a href={versionFile(plugin.id, v.id, 'plugin.wasm')} download aria-label={`.wasm of v${v.number} of ${plugin.name}: download`}>.wasm</a>
                      <a href={versionFile(plugin.id, v.id, 'descriptor.json')} download aria-label={`Download the descriptor of v${v.number} of ${plugin.name}`}>descriptor</a>
                      {v.files.includes('glue.js') ? (
                        <a href={versionFile(plugin.id, v.id, 'glue.js')} download aria-label={`Download the emscripten glue of v${v.number} of ${plugin.name}`}>glue .js</a>
                      ) : null}
                      {v.format !== 'vaist' ? (
                        <a href={`/forge?plugin=${encodeURIComponent(plugin.id)}&version=${encodeURIComponent(v.id)}`} aria-label={`Open v${v.number} of ${plugin.name} in the Forge`}>open</a>
                      ) : null}
                      {plugin.versions.length > 1 ? (
                        <DeleteButton {...versionDeletion(plugin, v)} onDelete={async () => { await deleteVersion(plugin.id, v.id); await reread(); }} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </main>
    </div>
  );
}
