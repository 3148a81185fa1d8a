// The transport bar's buttons and keys (../shared/specs/studio-design.md "Keys"), on a transport
// that records the commands it is given; its tempo, time signature and loop are edits of the real
// session library (SessionModel over the build's engine.wasm and the demo session).
import { act } from 'react';
import { beforeAll, describe, expect, test } from 'vitest';

import { STATE_PLAYING, STATE_POSITION, STATE_SLOTS } from '../../src/shared/engine-protocol';
import { SessionModel } from '../../src/main/audio/session-model';
import { TransportBar } from '../../src/main/studio/TransportBar';
import type { Transport } from '../../src/main/studio/transport';
import { builtEngineAndDemo } from './built-files';
import { reactRootPerTest } from './react-dom';

let engineModule: WebAssembly.Module;
let demo: Uint8Array;
beforeAll(async () => {
  ({ engine: engineModule, demo } = await builtEngineAndDemo());
});


function recordingTransport() {
  const commands: string[] = [];
  const state = new Float64Array(STATE_SLOTS);
  const session = new SessionModel(engineModule, demo);
  const transport = {
    engine: { state, control: (code: number, _track: number, _slot = 0, _id = 0, value = 0) => { commands.push(`control ${code} ${value}`); return true; } },
    session,
    apply: async (batch: object) => session.apply(JSON.stringify(batch)),
    context: { sampleRate: 48000, state: 'suspended' },
    info: { name: 'Demo', tempo: 120, timeSignature: { numerator: 4, denominator: 4 }, sampleRate: 48000, loop: null },
    renderAssets: () => ({ sources: [], plugins: [] }),
    play: async () => { commands.push('play'); state[STATE_PLAYING] = 1; },
    stop: () => { commands.push('stop'); state[STATE_PLAYING] = 0; },
    returnToStart: () => { commands.push('returnToStart'); state[STATE_POSITION] = 0; },
  };
  return { transport: transport as unknown as Transport, commands, state, session };
}

const dom = reactRootPerTest();



function render(transport: Transport) {
  act(() => dom.root.render(<TransportBar transport={transport} />));
}

function press(target: EventTarget, code: string, key = code) {
  const down = new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true });
  act(() => {
    target.dispatchEvent(down);
    target.dispatchEvent(new KeyboardEvent('keyup', { code, key, bubbles: true, cancelable: true }));
  });
  return down;
}

const button = (name: string) => dom.container.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

describe('TransportBar', () => {
  test('has labelled Return to start, Play and Stop buttons that give their commands', () => {
    const { transport, commands } = recordingTransport();
    render(transport);
    for (const name of ['Return to start', 'Play', 'Stop']) expect(button(name)).not.toBeNull();
    act(() => button('Play')!.click());
    act(() => button('Stop')!.click());
    act(() => button('Return to start')!.click());
    expect(commands.filter((c) => !c.startsWith('control'))).toEqual(['play', 'stop', 'returnToStart']);
  });

  test('Space plays and stops, and keeps a focused button from clicking too', () => {
    const { transport, commands } = recordingTransport();
    render(transport);
    expect(press(document.body, 'Space', ' ').defaultPrevented).toBe(true);
    button('Stop')!.focus();
    expect(press(button('Stop')!, 'Space', ' ').defaultPrevented).toBe(true);
    expect(commands.filter((c) => !c.startsWith('control'))).toEqual(['play', 'stop']);
  });

  test('Home returns to start; Enter does while stopped, unless it is pressing a button, a link or a disclosure', () => {
    const { transport, commands, state } = recordingTransport();
    render(transport);
    press(document.body, 'Home');
    press(document.body, 'Enter');
    press(button('Play')!, 'Enter');
    const link = document.createElement('a');
    link.href = 'blob:mix';
    const details = document.createElement('details');
    const summary = details.appendChild(document.createElement('summary'));
    document.body.append(link, details);
    expect(press(link, 'Enter').defaultPrevented).toBe(false);
    expect(press(summary, 'Enter').defaultPrevented).toBe(false);
    link.remove();
    details.remove();
    state[STATE_PLAYING] = 1;
    press(document.body, 'Enter');
    expect(commands.filter((c) => !c.startsWith('control'))).toEqual(['returnToStart', 'returnToStart']);
  });

  test('keys typed into a text field are left to it', () => {
    const { transport, commands } = recordingTransport();
    render(transport);
    const field = document.createElement('input');
    document.body.append(field);
    expect(press(field, 'Space', ' ').defaultPrevented).toBe(false);
    press(field, 'Home');
    field.remove();
    expect(commands.filter((c) => !c.startsWith('control'))).toEqual([]);
  });

  test('shows the position as bars:beats and time', () => {
    const { transport } = recordingTransport();
    render(transport);
    expect(dom.container.querySelector('[data-testid="position-bars"]')!.textContent).toBe('1:1');
    expect(dom.container.querySelector('[data-testid="position-time"]')!.textContent).toBe('0:00.000');
  });

  // ---- tempo, time signature and loop (timeline/TempoControls.tsx)
  const field = (name: string) => dom.container.querySelector<HTMLInputElement>(`input[aria-label="${name}"]`)!;
  const type = (input: HTMLInputElement, text: string, key = 'Enter') => {
    act(() => {
      input.focus();
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    return press(input, key);
  };
  const flush = () => act(async () => { await Promise.resolve(); });

  test('a typed tempo is one tempo.set edit that undo takes back; the position follows it', async () => {
    const { transport, session, state } = recordingTransport();
    state[STATE_POSITION] = 48000; // one second: two beats at 120 bpm
    render(transport);
    expect(field('Tempo in bpm').value).toBe('120');
    await act(async () => { await new Promise((r) => requestAnimationFrame(r)); });
    expect(dom.container.querySelector('[data-testid="position-bars"]')!.textContent).toBe('1:3');
    type(field('Tempo in bpm'), '60');
    await flush();
    expect(JSON.parse(session.sessionText).tempo).toBe(60);
    expect(field('Tempo in bpm').value).toBe('60');
    await act(async () => { await new Promise((r) => requestAnimationFrame(r)); });
    expect(dom.container.querySelector('[data-testid="position-bars"]')!.textContent).toBe('1:2');
    act(() => { session.undo(); });
    expect(field('Tempo in bpm').value).toBe('120');
    press(field('Tempo in bpm'), 'ArrowUp');
    await flush();
    expect(JSON.parse(session.sessionText).tempo).toBe(121);
    act(() => {
      const up = new KeyboardEvent('keydown', { key: 'ArrowUp', shiftKey: true, bubbles: true, cancelable: true });
      field('Tempo in bpm').dispatchEvent(up);
    });
    await flush();
    expect(JSON.parse(session.sessionText).tempo).toBe(131);
  });

  test('a tempo that is not one says what to type and changes nothing; Escape puts the tempo back', async () => {
    const { transport, session } = recordingTransport();
    render(transport);
    const before = session.sessionText;
    type(field('Tempo in bpm'), 'fast');
    await flush();
    expect(dom.container.querySelector('[role="alert"]')!.textContent).toBe('Type a tempo in bpm, such as 120.');
    expect(field('Tempo in bpm').getAttribute('aria-invalid')).toBe('true');
    type(field('Tempo in bpm'), '1000');
    expect(dom.container.querySelector('[role="alert"]')!.textContent).toBe('The tempo must be between 20 and 999 bpm.');
    type(field('Tempo in bpm'), '90', 'Escape');
    expect(field('Tempo in bpm').value).toBe('120');
    expect(session.sessionText).toBe(before);
  });

  test('the time signature: beats per bar typed, the beat unit chosen, each one edit', async () => {
    const { transport, session } = recordingTransport();
    render(transport);
    type(field('Beats per bar'), '7');
    await flush();
    expect(JSON.parse(session.sessionText).timeSignature).toEqual({ numerator: 7, denominator: 4 });
    const unit = dom.container.querySelector<HTMLSelectElement>('select[aria-label="Beat unit"]')!;
    act(() => {
      unit.value = '8';
      unit.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(JSON.parse(session.sessionText).timeSignature).toEqual({ numerator: 7, denominator: 8 });
    type(field('Beats per bar'), '0');
    expect(dom.container.querySelector('[role="alert"]')!.textContent).toBe('Beats per bar must be a whole number from 1 to 32.');
  });

  test('the loop: the button and L turn it on and off (the engine follows the session\'s loop), its ends typed in bars', async () => {
    const { transport, session } = recordingTransport();
    render(transport);
    const loop = button('Loop') ?? dom.container.querySelector<HTMLButtonElement>('.loop-button')!;
    expect(loop.getAttribute('aria-pressed')).toBe('true'); // the demo's loop is on
    expect(field('Loop start bar').value).toBe('5');
    expect(field('Loop end bar').value).toBe('9');
    await act(async () => { loop.click(); await Promise.resolve(); });
    expect(JSON.parse(session.sessionText).loop).toEqual({ start: 16, end: 32, enabled: false });
    await act(async () => { press(document.body, 'KeyL', 'l'); await Promise.resolve(); });
    expect(JSON.parse(session.sessionText).loop.enabled).toBe(true);
    type(field('Loop start bar'), '2.3');
    await flush();
    expect(JSON.parse(session.sessionText).loop).toEqual({ start: 6, end: 32, enabled: true });
    type(field('Loop end bar'), '2');
    await flush();
    expect(dom.container.querySelector('[role="alert"]')!.textContent).toBe('The loop must end after it starts.');
    expect(JSON.parse(session.sessionText).loop.end).toBe(32);
  });
});
