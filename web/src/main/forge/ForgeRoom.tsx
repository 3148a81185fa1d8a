// The Forge (/forge): a plugin's C++ source against the SDK, written in the editor (it starts from
// a working template, and the draft is kept in this browser), built on the server in its sandbox
// (forge/README.md) and checked by the conformance suite; compiler errors are marked at their
// lines. Building needs an account (builds are counted per month); the header signs in.
// A description can start it instead: the server's offline generator plans the plugin and
// writes its C++ (DescribePanel). The chat box refines the plan into new versions, and a plugin
// is kept with its versions on the server (versions/VersionsPanel).
import { useCallback, useEffect, useRef, useState } from 'react';

import { AccountMenu } from '../server/AccountMenu';
import { type ForgeBuild, type ForgePlan, type ForgeUsage, ApiError, forgeUsage } from '../server/api';
import { useAccount } from '../server/account-store';
import { type BuildState, BuildPanel } from './BuildPanel';
import { type CodeEditorHandle, CodeEditor } from './CodeEditor';
import { DescribePanel } from './DescribePanel';
import { PLUGIN_TEMPLATE } from './plugin-template';
import { runBuild } from './run-build';
import { VersionsPanel } from './versions/VersionsPanel';
import './forge.css';

const DRAFT_KEY = 'wasm-studio:forge-draft';

function readDraft(): string | null {
  try {
    return localStorage.getItem(DRAFT_KEY);
  } catch {
    return null;
  }
}
function keepDraft(source: string): void {
  try {
    localStorage.setItem(DRAFT_KEY, source);
  } catch {
    // storage refused (a private window's quota): the draft lives as long as the page
  }
}

export function ForgeRoom() {
  const [source, setSource] = useState(() => readDraft() ?? PLUGIN_TEMPLATE);
  const [state, setState] = useState<BuildState>({ stage: 'idle' });
  const [usage, setUsage] = useState<ForgeUsage | null>(null);
  const [plan, setPlan] = useState<ForgePlan | null>(null);  // the plan the source was written from
  const [built, setBuilt] = useState<{ build: ForgeBuild; source: string } | null>(null);
  const signedIn = useAccount((s) => s.status === 'signed-in');
  const openDialog = useAccount((s) => s.openDialog);
  const editor = useRef<CodeEditorHandle>(null);
  const leave = useRef<AbortController | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => keepDraft(source), 300);
    return () => clearTimeout(timer);
  }, [source]);
  useEffect(() => {
    if (signedIn) forgeUsage().then(setUsage, () => setUsage(null));
    else setUsage(null);
  }, [signedIn]);
  useEffect(() => () => leave.current?.abort(), []);

  const building = state.stage === 'running';
  const buildSource = useCallback((text: string): Promise<ForgeBuild | null> => {
    if (building) return Promise.resolve(null);
    if (!signedIn) {
      setState({ stage: 'error', message: 'Building runs on the server for your account: sign in (or create an account) first.' });
      openDialog('sign-in');
      return Promise.resolve(null);
    }
    const controller = new AbortController();
    leave.current = controller;
    const startedAt = Date.now();
    setState({ stage: 'running', build: null, startedAt });
    return runBuild(text, (update) => {
      setUsage(update.usage);
      setState(update.status === 'succeeded' || update.status === 'failed' ? { stage: 'done', build: update } : { stage: 'running', build: update, startedAt });
    }, controller.signal).then((done) => {
      setBuilt({ build: done, source: text });
      return done;
    }, (error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      if (error instanceof ApiError && error.needsSignIn) openDialog('sign-in');
      setState({ stage: 'error', message: error instanceof Error ? error.message : String(error) });
      return null;
    });
  }, [building, signedIn, openDialog]);
  const build = useCallback(() => void buildSource(source), [buildSource, source]);

  const diagnostics = state.stage === 'done' ? state.build.diagnostics ?? [] : [];
  const goTo = useCallback((line: number, column: number) => editor.current?.goTo(line, column), []);
  const takeGenerated = (generated: string, generatedPlan: ForgePlan) => {
    if (source === generated) return;
    if (source !== PLUGIN_TEMPLATE && !window.confirm('Replace your source with the planned plugin\'s code? Your current source is lost.')) return;
    setPlan(generatedPlan);
    setSource(generated);
    setState({ stage: 'idle' });
    editor.current?.goTo(1, 1);
  };
  const restart = () => {
    if (source === PLUGIN_TEMPLATE || window.confirm('Replace your source with the template? Your current source is lost.')) setSource(PLUGIN_TEMPLATE);
  };

  return (
    <div className="forge">
      <header className="top-bar">
        <span className="brand">WASM Studio</span>
        <nav aria-label="Places">
          <a href="/studio">Studio</a>
          <a href="/forge" aria-current="page">Forge</a>
          <a href="/forge/plugins">My plugins</a>
        </nav>
        <span className="toolbar-gap" />
        <AccountMenu />
      </header>
      <main className="forge-main">
        <section className="forge-source" aria-label="Source">
          <DescribePanel signedIn={signedIn} onSignIn={() => openDialog('sign-in')} onUse={takeGenerated} />
          <div className="forge-toolbar" role="toolbar" aria-label="Source tools">
            <h1>Plugin source (C++)</h1>
            <button type="button" className="primary" onClick={build} disabled={building} aria-keyshortcuts="Control+Enter">
              {building ? 'Building…' : 'Build'}
            </button>
            <button type="button" onClick={restart}>Start from the template</button>
          </div>
          <CodeEditor ref={editor} value={source} onChange={setSource} onBuild={build} diagnostics={diagnostics} label="Plugin source, C++" />
        </section>
        <div className="forge-side">
          <BuildPanel state={state} usage={usage} goTo={goTo} />
          <VersionsPanel signedIn={signedIn} plan={plan} source={source} built={built} build={buildSource}
            open={(p, text) => { setPlan(p); setSource(text); }} />
        </div>
      </main>
    </div>
  );
}
