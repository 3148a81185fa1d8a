// The mixer's slider (src/main/studio/mixer/Slider.tsx) in jsdom: while keys move it, the engine
// hears the newest value at most once per animation frame; on release, one edit keeps the final
// value (so undo takes the whole move back); a key it does not own, or a release without a move,
// edits nothing; blur ends a move; a double-click resets; its keys stop before the transport's.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { Slider } from '../../src/main/studio/mixer/Slider';
import { faderScale, SILENCE_DB } from '../../src/main/studio/mixer/scales';
import { reactRootPerTest } from './react-dom';


const dom = reactRootPerTest();
let frames: FrameRequestCallback[];

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => { if (id > 0) frames[id - 1] = () => {}; });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

// Runs the animation frames asked for so far.
function nextFrame() {
  const due = frames;
  frames = [];
  act(() => due.forEach((callback) => callback(0)));
}

function render(value: number) {
  const live: number[] = [];
  const commits: number[] = [];
  act(() => dom.root.render(
    <Slider scale={faderScale} value={value} label="Drums volume" orientation="vertical" className="fader"
      onLive={(v) => live.push(v)} onCommit={(v) => commits.push(v)} />,
  ));
  const slider = dom.container.querySelector<HTMLElement>('[role="slider"]')!;
  const key = (type: 'keydown' | 'keyup', key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent(type, { key, bubbles: true, cancelable: true, ...init });
    act(() => slider.dispatchEvent(event));
    return event;
  };
  return { live, commits, slider, key };
}

describe('the mixer slider', () => {
  test('is a labelled slider with its value as text', () => {
    const { slider } = render(-4);
    expect(slider.getAttribute('aria-label')).toBe('Drums volume');
    expect(slider.getAttribute('aria-valuenow')).toBe('-4');
    expect(slider.getAttribute('aria-valuemin')).toBe(String(SILENCE_DB));
    expect(slider.getAttribute('aria-valuemax')).toBe('6');
    expect(slider.getAttribute('aria-valuetext')).toBe('-4.0 dB');
    expect(slider.getAttribute('aria-orientation')).toBe('vertical');
    expect(slider.tabIndex).toBe(0);
  });

  test('held keys: live at most once per frame with the newest value; one edit on release with the final value', () => {
    const { live, commits, slider, key } = render(-4);
    key('keydown', 'ArrowDown');
    key('keydown', 'ArrowDown', { repeat: true });
    key('keydown', 'ArrowDown', { repeat: true });
    expect(slider.getAttribute('aria-valuetext')).toBe('-5.5 dB');
    expect(live).toEqual([]);
    expect(frames.length).toBe(1);  // one frame asked for, however many moves
    nextFrame();
    expect(live).toEqual([-5.5]);
    key('keydown', 'ArrowDown', { repeat: true, shiftKey: true });
    nextFrame();
    expect(live).toEqual([-5.5, -5.6]);
    nextFrame();
    expect(live).toEqual([-5.5, -5.6]);  // nothing moved, nothing sent
    expect(commits).toEqual([]);
    key('keyup', 'ArrowDown');
    expect(commits).toEqual([-5.6]);
    expect(live.at(-1)).toBe(-5.6);  // the final value reaches the engine at once
    key('keyup', 'ArrowDown');
    expect(commits).toEqual([-5.6]);
  });

  test('its keys stop before the page\'s (Home and End are not the transport\'s here); others pass and edit nothing', () => {
    const { commits, key } = render(-4);
    const seen: string[] = [];
    const onWindow = (event: KeyboardEvent) => seen.push(event.key);
    window.addEventListener('keydown', onWindow);
    try {
      const home = key('keydown', 'Home');
      expect(home.defaultPrevented).toBe(true);
      key('keyup', 'Home');
      expect(commits).toEqual([SILENCE_DB]);
      key('keydown', 'a');
      key('keyup', 'a');
      key('keydown', 'z', { ctrlKey: true });  // undo is the studio's
      expect(seen).toEqual(['a', 'z']);
      expect(commits).toEqual([SILENCE_DB]);
    } finally {
      window.removeEventListener('keydown', onWindow);
    }
  });

  test('blur ends a move with its edit; a double-click resets to 0 dB', () => {
    const { live, commits, slider, key } = render(-4);
    key('keydown', 'PageUp');
    act(() => slider.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(commits).toEqual([2]);
    act(() => slider.dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
    expect(commits).toEqual([2, 0]);
    expect(live.at(-1)).toBe(0);
  });

  test('a double-click on a fader at 0 dB edits nothing', () => {
    const { commits, slider } = render(0);
    act(() => slider.dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
    expect(commits).toEqual([]);
  });
});
