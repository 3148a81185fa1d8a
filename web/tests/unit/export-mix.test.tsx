// The Export mix control on a render the test drives (the worker render itself runs in the
// browser test, web/tests/browser): labelled controls, the progress bar's value and words, Cancel
// aborting the render and leaving no file, the download of a finished one, and a failure that
// says what to do next.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { ExportMix } from '../../src/main/studio/ExportMix';
import type { OfflineRenderOptions, OfflineRenderResult, RenderAssets } from '../../src/main/audio/offline-render';
import { reactRootPerTest } from './react-dom';


const RATE = 48000;
const assets = { engine: {}, session: new Uint8Array(), plugins: [], sources: [] } as unknown as RenderAssets;

// A render whose progress, end and failure the test gives.
function controlledRender() {
  const calls: OfflineRenderOptions[] = [];
  let settle: { resolve: (r: OfflineRenderResult) => void; reject: (e: unknown) => void } | null = null;
  const render = (_assets: RenderAssets, options: OfflineRenderOptions) => {
    calls.push(options);
    return new Promise<OfflineRenderResult>((resolve, reject) => {
      settle = { resolve, reject };
      options.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
  };
  return {
    render, calls,
    progress: (fraction: number, frames: number) => act(() => calls.at(-1)!.onProgress?.({ fraction, frames, totalFrames: 18 * RATE })),
    finish: async (bytes: number, stems: string[] = []) => act(async () => settle!.resolve({
      wav: new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }),
      stems: stems.map((name) => ({ name, wav: new Blob([new Uint8Array(1000)], { type: 'audio/wav' }) })),
      frames: 18 * RATE, sampleRate: RATE,
    })),
    fail: async (error: unknown) => act(async () => settle!.reject(error)),
  };
}

const dom = reactRootPerTest();
const clicked: string[] = [];

beforeEach(() => {
  clicked.length = 0;
  let urls = 0;
  URL.createObjectURL = vi.fn(() => `blob:${++urls}`);
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.download); });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const byRole = (role: string) => dom.container.querySelector<HTMLElement>(`[role="${role}"]`);
const button = (text: string) => [...dom.container.querySelectorAll('button')].find((b) => b.textContent === text) ?? null;

function show(render: ReturnType<typeof controlledRender>['render']) {
  act(() => dom.root.render(<ExportMix assets={() => assets} sampleRate={RATE} sessionName="Demo session" render={render} />));
}

describe('ExportMix', () => {
  test('is a labelled group: a format choice of three WAV formats and an Export mix button', () => {
    show(controlledRender().render);
    expect(dom.container.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe('Export mix');
    const select = dom.container.querySelector('select')!;
    expect(select.closest('label')!.textContent).toContain('Format');
    expect([...select.options].map((o) => o.value)).toEqual(['pcm16', 'pcm24', 'float32']);
    expect(select.value).toBe('pcm24');
    const stems = dom.container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(stems.closest('label')!.textContent).toBe('Stems too');
    expect(stems.checked).toBe(false);
    expect(button('Export mix')).not.toBeNull();
    expect(byRole('progressbar')).toBeNull();
  });

  test('renders in the chosen format, shows progress in numbers and words, then downloads the file once', async () => {
    const driver = controlledRender();
    show(driver.render);
    const select = dom.container.querySelector('select')!;
    act(() => {
      select.value = 'float32';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => button('Export mix')!.click());
    expect(driver.calls).toHaveLength(1);
    expect(driver.calls[0]).toMatchObject({ format: 'float32', sampleRate: RATE });
    expect(document.activeElement).toBe(button('Cancel'));
    expect(select.disabled).toBe(true);

    driver.progress(0.425, 0.425 * 18 * RATE);
    const bar = byRole('progressbar')!;
    expect(bar.getAttribute('aria-label')).toBe('Export progress');
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.getAttribute('aria-valuetext')).toBe('42%: 7.7 of 18.0 s');
    expect(byRole('status')!.textContent).toBe('Exporting: 42%');

    driver.progress(1, 18 * RATE);
    await driver.finish(3_456_044);
    expect(byRole('progressbar')!.getAttribute('aria-valuenow')).toBe('100');
    expect(byRole('status')!.textContent).toContain('Exported 18.0 s, 3.5 MB.');
    expect(clicked).toEqual(['demo-session.wav']);
    const link = dom.container.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('blob:1');
    expect(link.textContent).toBe('Download demo-session.wav again');
    expect(document.activeElement).toBe(button('Export mix'));
  });

  test('with Stems too, the mix is downloaded and each stem offered as a link, released when the next export starts', async () => {
    const driver = controlledRender();
    show(driver.render);
    act(() => dom.container.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click());
    act(() => button('Export mix')!.click());
    expect(driver.calls[0].stems).toBe(true);
    driver.progress(1, 18 * RATE);
    await driver.finish(3_000_000, ['01-drums.wav', '02-bass.wav']);
    expect(clicked).toEqual(['demo-session.wav']);
    expect(byRole('status')!.textContent).toContain('Exported 18.0 s and 2 stems, 3.0 MB.');
    const stems = [...dom.container.querySelectorAll('ul[aria-label="Stems"] a')];
    expect(stems.map((a) => [a.getAttribute('download'), a.getAttribute('href')])).toEqual([
      ['demo-session-01-drums.wav', 'blob:2'], ['demo-session-02-bass.wav', 'blob:3'],
    ]);
    act(() => button('Export mix')!.click());
    expect(vi.mocked(URL.revokeObjectURL).mock.calls.map(([url]) => url)).toEqual(['blob:1', 'blob:2', 'blob:3']);
  });

  test('Cancel aborts the render: no file, a status that says so, Export mix again', async () => {
    const driver = controlledRender();
    show(driver.render);
    act(() => button('Export mix')!.click());
    driver.progress(0.1, 0);
    await act(async () => button('Cancel')!.click());
    expect(driver.calls[0].signal!.aborted).toBe(true);
    expect(byRole('status')!.textContent).toBe('Export cancelled; nothing was written.');
    expect(byRole('progressbar')).toBeNull();
    expect(dom.container.querySelector('a')).toBeNull();
    expect(URL.createObjectURL).not.toHaveBeenCalled();
    expect(clicked).toEqual([]);
    expect(document.activeElement).toBe(button('Export mix'));
  });

  test('a failure is an alert that says what to do next', async () => {
    const driver = controlledRender();
    show(driver.render);
    act(() => button('Export mix')!.click());
    await driver.fail(new Error('a plugin failed during the export, so nothing was written: track bass, insert 1 (bass-filter): trap'));
    const alert = byRole('alert')!;
    expect(alert.textContent).toContain('The export failed: a plugin failed during the export');
    expect(alert.textContent).toContain('Try again');
    expect(alert.textContent).toContain('bypass or remove that insert');
    expect(button('Export mix')).not.toBeNull();
  });
});
