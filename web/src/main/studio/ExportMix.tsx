// Export mix: the session's mix rendered offline in a worker (../audio/offline-render.ts) to a WAV
// file that is then downloaded, and optionally its stems (a WAV per track, offered as links). A
// format choice, a progress bar with its value in words, Cancel; every control is a native one
// (keyboard operable) with a label, and errors say what to do next.
import { memo, useCallback, useEffect, useRef, useState } from 'react';

import { type RenderAssets, type RenderProgress, type WavSampleFormat, renderOffline } from '../audio/offline-render';

export const EXPORT_FORMATS: { value: WavSampleFormat; label: string }[] = [
  { value: 'pcm16', label: 'WAV 16-bit' }, // TPDF-dithered (engine/js/wav.mjs)
  { value: 'pcm24', label: 'WAV 24-bit' },
  { value: 'float32', label: 'WAV 32-bit float' },
];

interface StemLink {
  url: string;
  fileName: string;
}

type Stage =
  | { stage: 'idle' }
  | { stage: 'rendering'; progress: RenderProgress }
  | { stage: 'done'; progress: RenderProgress; url: string; fileName: string; bytes: number; stems: StemLink[] }
  | { stage: 'cancelled' }
  | { stage: 'failed'; message: string };

export interface ExportMixProps {
  assets: () => RenderAssets; // taken when an export starts: the session as it is then
  sampleRate: number;
  sessionName: string;
  render?: typeof renderOffline; // the worker render; tests give their own
}

// "<session name>.wav" and "<session name>-NN-<track id>.wav", in lower-case words joined by '-'.
function fileBase(sessionName: string): string {
  return sessionName.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'mix';
}

const seconds = (frames: number, rate: number) => (frames / rate).toFixed(1);
const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

export const ExportMix = memo(function ExportMix({ assets, sampleRate, sessionName, render = renderOffline }: ExportMixProps) {
  const [format, setFormat] = useState<WavSampleFormat>('pcm24');
  const [withStems, setWithStems] = useState(false);
  const [state, setState] = useState<Stage>({ stage: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const download = useRef<HTMLAnchorElement>(null);
  const rendering = state.stage === 'rendering';
  const done = state.stage === 'done' ? state : null;

  // Focus follows the control that replaced the one pressed; the file is downloaded once, and
  // its URL released when another export starts or the studio closes.
  useEffect(() => {
    if (rendering) cancelButton.current?.focus();
  }, [rendering]);
  useEffect(() => {
    if (done === null) return undefined;
    download.current?.click();
    exportButton.current?.focus();
    return () => {
      URL.revokeObjectURL(done.url);
      for (const stem of done.stems) URL.revokeObjectURL(stem.url);
    };
  }, [done]);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(() => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ stage: 'rendering', progress: { fraction: 0, frames: 0, totalFrames: 0 } });
    let last: RenderProgress = { fraction: 0, frames: 0, totalFrames: 0 };
    render(assets(), {
      format, sampleRate, stems: withStems, signal: controller.signal,
      onProgress: (progress) => {
        last = progress;
        if (!controller.signal.aborted) setState({ stage: 'rendering', progress });
      },
    }).then((result) => {
      if (abort.current !== controller) return;
      const base = fileBase(sessionName);
      setState({
        stage: 'done', progress: last, url: URL.createObjectURL(result.wav), fileName: `${base}.wav`,
        bytes: result.wav.size + result.stems.reduce((sum, stem) => sum + stem.wav.size, 0),
        stems: result.stems.map((stem) => ({ url: URL.createObjectURL(stem.wav), fileName: `${base}-${stem.name}` })),
      });
    }, (error: unknown) => {
      if (abort.current !== controller) return;
      if (error instanceof DOMException && error.name === 'AbortError') {
        setState({ stage: 'cancelled' });
        exportButton.current?.focus();
      } else {
        setState({ stage: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    });
  }, [assets, format, render, sampleRate, sessionName, withStems]);

  const cancel = useCallback(() => abort.current?.abort(), []);

  const progress = state.stage === 'rendering' || state.stage === 'done' ? state.progress : null;
  const percent = progress !== null ? Math.floor(progress.fraction * 100) : 0;
  // Two rows: the controls, then what the export says (progress, status, links, errors); the
  // stems' links fold away (a disclosure), so the transport bar keeps its height.
  return (
    <div className="export" role="group" aria-label="Export mix">
      <div className="export-controls">
        <label className="export-format">
          <span className="export-label">Format</span>
          <select value={format} onChange={(event) => setFormat(event.target.value as WavSampleFormat)} disabled={rendering}>
            {EXPORT_FORMATS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
          </select>
        </label>
        <label className="export-stems">
          <input type="checkbox" checked={withStems} onChange={(event) => setWithStems(event.target.checked)} disabled={rendering} />
          Stems too
        </label>
        {rendering ? (
          <button type="button" ref={cancelButton} onClick={cancel}>Cancel</button>
        ) : (
          <button type="button" ref={exportButton} onClick={start}>Export mix</button>
        )}
      </div>
      <div className="export-result">
        {progress !== null ? (
          <div
            className="export-progress" role="progressbar" aria-label="Export progress"
            aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            aria-valuetext={`${percent}%: ${seconds(progress.frames, sampleRate)} of ${seconds(progress.totalFrames, sampleRate)} s`}
          >
            <div className="export-progress-fill" style={{ width: `${percent}%` }} />
          </div>
        ) : null}
        <span className="export-status" role="status">
          {state.stage === 'rendering' ? `Exporting: ${percent}%` : null}
          {state.stage === 'done'
            ? `Exported ${seconds(state.progress.totalFrames, sampleRate)} s${state.stems.length > 0 ? ` and ${state.stems.length} stems` : ''}, ${megabytes(state.bytes)} MB.`
            : null}
          {state.stage === 'cancelled' ? 'Export cancelled; nothing was written.' : null}
        </span>
        {state.stage === 'done' ? <a ref={download} href={state.url} download={state.fileName}>Download {state.fileName} again</a> : null}
        {state.stage === 'done' && state.stems.length > 0 ? (
          <details className="export-stem-links">
            <summary>Stems ({state.stems.length})</summary>
            <ul aria-label="Stems">
              {state.stems.map((stem) => <li key={stem.fileName}><a href={stem.url} download={stem.fileName}>{stem.fileName}</a></li>)}
            </ul>
          </details>
        ) : null}
        {state.stage === 'failed' ? (
          <p role="alert" className="error export-error">
            The export failed: {state.message}. Try again; if it fails again, reload the page, and if a plugin is named,
            bypass or remove that insert first.
          </p>
        ) : null}
      </div>
    </div>
  );
});
