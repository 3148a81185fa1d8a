// The Forge (/forge): a plugin's C++ source against the SDK, written in the editor (it starts from
// a working template, and the draft is kept in this browser), built on the server in its sandbox
// (forge/README.md) and checked by the conformance suite; compiler errors are marked at their
// lines. Building needs an account (builds are counted per month); the header signs in.
// A description can start it instead: the server's offline generator (or a model) plans the
// plugin, the plan is edited (PlanEditor), and its C++ written (DescribePanel, ModelPanel); a
// vAIst Forge project can be imported (ImportPanel); Faust is the second language. A built plugin plays on the preview track (preview/). The chat
// box refines the plan into new versions, and a plugin is kept with its versions on the server
// (versions/VersionsPanel).
import { useCallback, useEffect, useRef, useState } from 'react';

import { AccountMenu } from '../server/AccountMenu';
import { type ForgeBuild, type ForgePlan, type ForgeUsage, ApiError, forgeUsage } from '../server/api';
import { useAccount } from '../server/account-store';
import { type BuildState, BuildPanel } from './BuildPanel';
import { type CodeEditorHandle, CodeEditor } from './CodeEditor';
import { type ForgeLanguage, LANGUAGES, draftKey, keepLanguage, readLanguage } from './forge-language';
import { ImportPanel } from './ImportPanel';
import { LanguageChoice } from './LanguageChoice';
import { placeInSource } from './line-markers';
import { PreviewPanel } from './preview/PreviewPanel';
import { builtPlugin } from './preview/built-plugin';
import type { BuiltPlugin } from './preview/preview-player';
import { DescribeChoice } from './ModelPanel';
import { PLUGIN_TEMPLATE } from './plugin-template';
import { finished, runBuild } from './run-build';
import { VersionsPanel } from './versions/VersionsPanel';
import './forge.css';

function readDraft(language: ForgeLanguage): string | null {
  try {
    return localStorage.getItem(draftKey(language));
  } catch {
    return null;
  }
}
function keepDraft(language: ForgeLanguage, source: string): void {
  try {
    localStorage.setItem(draftKey(language), source);
  } catch {
    // storage refused (a private window's quota): the draft lives as long as the page
  }
}

export function ForgeRoom() {
  const [language, setLanguage] = useState(readLanguage);
  const [source, setSource] = useState(() => readDraft(language) ?? LANGUAGES[language].template);
  const [state, setState] = useState<BuildState>({ stage: 'idle' });
  const [plan, setPlan] = useState<ForgePlan | null>(null);  // the plan the source was written from
  const [built, setBuilt] = useState<{ build: ForgeBuild; source: string } | null>(null);
  const [usage, setUsage] = useState<ForgeUsage | null>(null);
  // A kept module played as it is (no source to build) until the next build.
  const [keptModule, setKeptModule] = useState<BuiltPlugin | null>(null);
  useEffect(() => setKeptModule(null), [state]);
  const signedIn = useAccount((s) => s.status === 'signed-in');
  const openDialog = useAccount((s) => s.openDialog);
  const editor = useRef<CodeEditorHandle>(null);
  const leave = useRef<AbortController | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => keepDraft(language, source), 300);
    return () => clearTimeout(timer);
  }, [language, source]);
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
    }, controller.signal, undefined, language).then((done) => {
      setBuilt({ build: done, source: text });
      return done;
    }, (error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return null;
      if (error instanceof ApiError && error.needsSignIn) openDialog('sign-in');
      setState({ stage: 'error', message: error instanceof Error ? error.message : String(error) });
      return null;
    });
  }, [building, signedIn, language, openDialog]);
  const build = useCallback(() => void buildSource(source), [buildSource, source]);

  // An imported vAIst project's errors name its files: placed at their lines in the editor too.
  const diagnostics = placeInSource(source, state.stage === 'done' ? state.build.diagnostics ?? [] : []);
  const shown: BuildState = state.stage === 'done' && diagnostics.length > 0 ? { ...state, build: { ...state.build, diagnostics } } : state;
  const goTo = useCallback((line: number, column: number) => editor.current?.goTo(line, column), []);
  const takeGenerated = (generated: string, generatedPlan: ForgePlan) => {
    // The plan's code is C++: a Faust program stays as the Faust draft.
    const cppSource = language === 'cpp' ? source : readDraft('cpp') ?? PLUGIN_TEMPLATE;
    if (language === 'cpp' && source === generated) return;
    if (cppSource !== PLUGIN_TEMPLATE && cppSource !== generated && !window.confirm('Replace your source with the planned plugin\'s code? Your current source is lost.')) return;
    if (language !== 'cpp') chooseLanguage('cpp');
    setPlan(generatedPlan);
    setSource(generated);
    setState({ stage: 'idle' });
    editor.current?.goTo(1, 1);
  };
  // An imported vAIst project's build is the current build; a source project's C++ goes in the editor.
  const showImport = (update: ForgeBuild) => {
    setUsage(update.usage);
    setState(finished(update) ? { stage: 'done', build: update } : { stage: 'running', build: update, startedAt: Date.now() });
    // A module imported as built is kept as it is (VersionsPanel): it has no source.
    if (update.language === 'vaist' && update.status === 'succeeded') setBuilt({ build: update, source: '' });
  };
  const takeImported = (imported: string) => {
    // The imported project's code is C++: a Faust program stays as the Faust draft.
    const cppSource = language === 'cpp' ? source : readDraft('cpp') ?? PLUGIN_TEMPLATE;
    if (language === 'cpp' && source === imported) return;
    if (cppSource !== PLUGIN_TEMPLATE && cppSource !== imported && !window.confirm('Replace your source with the imported project\'s C++? Your current source is lost.')) return;
    if (language !== 'cpp') chooseLanguage('cpp');
    setSource(imported);
    editor.current?.goTo(1, 1);
  };
  const template = LANGUAGES[language].template;
  const restart = () => {
    if (source === template || window.confirm('Replace your source with the template? Your current source is lost.')) setSource(template);
  };
  const chooseLanguage = (next: ForgeLanguage) => {
    keepDraft(language, source);
    keepLanguage(next);
    setLanguage(next);
    setSource(readDraft(next) ?? LANGUAGES[next].template);
    setState({ stage: 'idle' });
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
          <DescribeChoice signedIn={signedIn} onSignIn={() => openDialog('sign-in')} onUse={takeGenerated} onUsage={setUsage} />
          <ImportPanel signedIn={signedIn} onSignIn={() => openDialog('sign-in')} busy={building} onSource={takeImported} onBuild={showImport}
            onError={(error) => { if (error instanceof ApiError && error.needsSignIn) openDialog('sign-in'); }} />
          <div className="forge-toolbar" role="toolbar" aria-label="Source tools">
            <h1>Plugin source ({LANGUAGES[language].name})</h1>
            <LanguageChoice language={language} onChange={chooseLanguage} disabled={building} />
            <button type="button" className="primary" onClick={build} disabled={building} aria-keyshortcuts="Control+Enter">
              {building ? 'Building…' : 'Build'}
            </button>
            <button type="button" onClick={restart}>Start from the template</button>
          </div>
          <CodeEditor ref={editor} value={source} onChange={setSource} onBuild={build} diagnostics={diagnostics} label={`Plugin source, ${LANGUAGES[language].name}`} language={language} />
        </section>
        <div className="forge-side">
          <BuildPanel state={shown} usage={usage} goTo={goTo} />
          <VersionsPanel signedIn={signedIn} plan={plan} source={source} built={built} build={buildSource}
            open={(p, text) => { if (language !== 'cpp') chooseLanguage('cpp'); setPlan(p); setSource(text); }} play={setKeptModule} />
          <PreviewPanel built={keptModule ?? builtPlugin(state)} />
        </div>
      </main>
    </div>
  );
}
