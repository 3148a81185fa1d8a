// Import a vAIst Forge project (docs/forge-vaist-import.md): the user picks the project's folder
// (or its files); the files the import can use are read here (sources and descriptor.json as
// text, the built .wasm as base64) and sent to POST /api/v1/forge/imports, which checks every
// one. A source folder is compiled by the Forge like any source (its C++ goes in the editor); a
// built .wasm with descriptor.json (and its emscripten .js) is checked and kept as it is. Either
// way the result becomes the current build. Progress and refusals are told in words.
import { useEffect, useRef, useState } from 'react';

import { type ForgeBuild, type ForgeImport, type ImportFile, getBuild, startImport } from '../server/api';
import { runBuild } from './run-build';

// What an import can use; anything else in the folder (thumbnail.png, node_modules...) stays here.
const USED = /\.(h|hpp|cpp|cc|json|js|mjs|wasm)$/i;
const BINARY = /\.wasm$/i;
// Far above any real project (tens of kilobytes): a folder picked by mistake is not uploaded.
const MAX_BYTES = 32 << 20;

function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let text = '';
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
}

async function readFiles(list: FileList): Promise<{ files: ImportFile[]; skipped: number; bytes: number }> {
  const files: ImportFile[] = [];
  let skipped = 0;
  let bytes = 0;
  for (const file of Array.from(list)) {
    const name = file.webkitRelativePath || file.name;
    if (!USED.test(file.name) || /(^|\/)node_modules\//.test(name)) {
      skipped += 1;
      continue;
    }
    bytes += file.size;
    if (bytes > MAX_BYTES) throw new Error(`The project's files are over ${MAX_BYTES >> 20} MB together: pick the plugin's own folder.`);
    files.push(BINARY.test(file.name) ? { name, base64: base64(await file.arrayBuffer()) } : { name, text: await file.text() });
  }
  return { files, skipped, bytes };
}

const FORMS = { source: 'source folder, compiled by the Forge', glue: 'built module with its emscripten glue', clean: 'built module with clean names' };

export function ImportPanel({ signedIn, onSignIn, busy, onSource, onBuild, onError }: {
  signedIn: boolean;
  onSignIn: () => void;
  busy: boolean;
  // The C++ the server wrote for a source project: the editor shows it.
  onSource: (source: string) => void;
  // Every state of the import's build: the page shows it as the current build.
  onBuild: (build: ForgeBuild) => void;
  onError: (error: unknown) => void;
}) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [working, setWorking] = useState(false);
  const folder = useRef<HTMLInputElement>(null);
  const loose = useRef<HTMLInputElement>(null);
  const leave = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    leave.current = controller;
    return () => controller.abort();
  }, []);

  const pick = (input: React.RefObject<HTMLInputElement | null>) => {
    if (!signedIn) {
      setError('Importing builds the plugin on the server for your account: sign in (or create an account) first.');
      onSignIn();
      return;
    }
    input.current?.click();
  };

  const importList = async (list: FileList | null) => {
    if (list === null || list.length === 0) return;
    setWorking(true);
    setError('');
    try {
      setStatus(`Reading ${list.length} file${list.length === 1 ? '' : 's'}…`);
      const { files, skipped } = await readFiles(list);
      if (files.length === 0) throw new Error('None of these files is part of a vAIst project: pick the folder with processor.cpp and descriptor.json, or the built .wasm with descriptor.json.');
      setStatus(`Sending ${files.length} file${files.length === 1 ? '' : 's'}${skipped > 0 ? ` (${skipped} not needed)` : ''}…`);
      let first: ForgeImport | null = null;
      const build = await runBuild('', (update) => {
        if (first === null) {
          first = update as ForgeImport;
          const form = first.import !== undefined ? FORMS[first.import.form] : 'project';
          setStatus(`${first.import?.pluginName ?? 'The plugin'}: ${form}.`);
          if (first.source !== undefined) onSource(first.source);
        }
        onBuild(update);
      }, leave.current.signal, { startBuild: () => startImport(files), getBuild });
      const name = (first as ForgeImport | null)?.import?.pluginName ?? 'The plugin';
      setStatus(build.status === 'succeeded' ? `${name} was imported: it is the current build.` : `${name} was not imported: see the build's messages.`);
    } catch (failure) {
      if (failure instanceof DOMException && failure.name === 'AbortError') return;
      setStatus('');
      setError(failure instanceof Error ? failure.message : String(failure));
      onError(failure);
    } finally {
      setWorking(false);
      if (folder.current) folder.current.value = '';
      if (loose.current) loose.current.value = '';
    }
  };

  return (
    <section className="forge-import" aria-label="Import a vAIst project">
      <h2>Import a vAIst project</h2>
      <p className="hint">A vAIst Forge plugin: its source folder (processor.cpp, processor.h, bindings.cpp, descriptor.json), or its built .wasm with descriptor.json (and its .js).</p>
      <div className="import-row">
        <button type="button" onClick={() => pick(folder)} disabled={working || busy}>Pick the project folder…</button>
        <button type="button" onClick={() => pick(loose)} disabled={working || busy}>Pick files…</button>
      </div>
      <input ref={folder} type="file" hidden multiple aria-label="vAIst project folder"
        {...{ webkitdirectory: '', directory: '' }} onChange={(e) => void importList(e.target.files)} />
      <input ref={loose} type="file" hidden multiple aria-label="vAIst project files"
        accept=".cpp,.h,.hpp,.json,.js,.wasm" onChange={(e) => void importList(e.target.files)} />
      {status !== '' ? <p role="status">{status}</p> : null}
      {error !== '' ? <p role="alert" className="error">{error}</p> : null}
    </section>
  );
}
