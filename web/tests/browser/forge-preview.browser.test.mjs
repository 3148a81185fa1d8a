// The Forge's preview track (issue 16, "Play") against the real `vaist serve`, its compile sandbox
// and the studio's engine in the page, the output captured after everything the page does to it
// (output-tap.mjs: an AnalyserNode on whatever feeds the speakers):
//  1. the built-in loop plays before anything is built, then the note pattern (the factory
//     synth); the user's own file (a 1 kHz tone at 0.25, chosen through the page's file input)
//     replaces it;
//  2. a plugin built in /forge (a level at -12 dB) is heard on the preview: the level drops by
//     12 dB; the A/B bypass (clicked, then by the B key) brings it back and takes it away again;
//  3. its parameter typed in its floating window (-24 dB) is heard;
//  4. a rebuilt version (a new parameter added) replaces it and keeps the Level the user set,
//     heard and shown in the new version's window;
//  5. a plugin turned up to multiply by 1000 (60 dB typed in its window: validation refuses one
//     that does at its defaults) stays under 0 dBFS at the output (the limiter's -1 dBFS ceiling
//     and the hard ceiling after the engine);
//  6. an instrument (the generator's bass synth) plays the note pattern, alone on the track;
//  7. Remove in its window takes it off, and Put back brings it; axe-core finds no violation;
//  and a screenshot of /forge with the preview (build/web/artifacts/forge-preview.png).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { axeViolations, openStudio, signUp } from './browser-fixture.mjs';
import { openForgePreview, outputHeardAt, outputLevels, writeSineFile } from './output-tap.mjs';

const RATE = 48000;
const TONE = 0.25;
const TONE_RMS = TONE / Math.SQRT2;
const dB = (db) => 10 ** (db / 20);

const levelPlugin = (extra = '') => `#include <wsp/sdk.hpp>
#include <wsp/dsp/math.hpp>

namespace test_level {
using namespace wsp::sdk;
enum ParamId : uint32_t { kLevel, kSpare };
class TestLevel : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "user.test-level", .name = "Test Level", .vendor = "Tests", .version = "1.0.0",
      .category = "utility", .kind = Kind::Effect, .inputs = 2, .outputs = 2, .midi = false,
      .description = "A level.",
  };
  static constexpr Param params[] = {
      floatParam(kLevel, "level", "Level", "dB", -60.0, 12.0, -12.0, Scale::Db),
      ${extra}
  };
  void process(const Block& block) {
    ParamValue& level = param(kLevel);
    for (uint32_t i = 0; i < block.frames(); ++i) {
      const float gain = wsp::dsp::dbToGain(level.next());
      for (uint32_t c = 0; c < 2; ++c) block.output(c)[i] = block.input(c)[i] * gain;
    }
  }
};
}  // namespace test_level
WSP_PLUGIN(test_level::TestLevel, test_level);
`;

const TIMES_1000 = `#include <wsp/sdk.hpp>
#include <wsp/dsp/math.hpp>

namespace blow_up {
using namespace wsp::sdk;
class BlowUp : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "user.blow-up", .name = "Blow Up", .vendor = "Tests", .version = "1.0.0",
      .category = "utility", .kind = Kind::Effect, .inputs = 2, .outputs = 2, .midi = false,
      .description = "Multiplies by up to 1000.",
  };
  // Up to 60 dB: a thousand times the input. Its default is unity (validation refuses a plugin
  // far louder than its input at its defaults, SAFE-1); the user turns it up in its window.
  static constexpr Param params[] = {
      floatParam(0, "gain", "Gain", "dB", 0.0, 60.0, 0.0, Scale::Db),
  };
  void process(const Block& block) {
    for (uint32_t i = 0; i < block.frames(); ++i) {
      const float gain = wsp::dsp::dbToGain(param(0).next());
      for (uint32_t c = 0; c < 2; ++c) block.output(c)[i] = block.input(c)[i] * gain;
    }
  }
};
}  // namespace blow_up
WSP_PLUGIN(blow_up::BlowUp, blow_up);
`;

let studio;
let page;
let preview;
let toneFile;
const errors = [];
before(async () => {
  studio = await openStudio();
  toneFile = writeSineFile(studio.work, 'tone-1k.wav', { hz: 1000, amplitude: TONE, seconds: 8, rate: RATE });
  ({ page, preview } = await openForgePreview(studio, errors));
});
after(async () => {
  await studio?.close();
});

const output = () => outputLevels(page);

const heardAt = (expected, what) => outputHeardAt(page, expected, what);

async function build(source) {
  const editor = page.getByRole('textbox', { name: 'Plugin source, C++' });
  await editor.focus();  // by the keyboard's way in: the plugin window may lie over the editor
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(source);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Build' });
  await panel.getByRole('heading', { name: /is built$|did not compile|not a working plugin|failed/ }).waitFor({ timeout: 120000 });
  assert.ok(await panel.getByRole('heading', { name: /is built$/ }).isVisible(), await panel.textContent());
}

test('the loop plays dry, then the user\'s file', async () => {
  await preview.getByRole('button', { name: 'Play' }).click();
  await preview.getByRole('button', { name: 'Stop' }).waitFor();
  let loop = { rms: 0 };
  for (let tries = 0; tries < 50 && loop.rms < 0.01; ++tries) {
    await page.waitForTimeout(100);
    loop = await output();
  }
  assert.ok(loop.rms > 0.01, `the built-in loop is heard (RMS ${loop.rms})`);
  // The note pattern: the factory synth on an instrument track, then the plugin.
  await preview.getByRole('radio', { name: 'Note pattern' }).check();
  let notes = { rms: 0 };
  for (let tries = 0; tries < 100 && notes.rms < 0.01; ++tries) {
    await page.waitForTimeout(100);
    notes = await output();
  }
  assert.ok(notes.rms > 0.01, `the note pattern is heard (RMS ${notes.rms})`);
  await preview.getByLabel('Your audio file').setInputFiles(toneFile);
  await preview.getByRole('radio', { name: 'Your file: tone-1k.wav' }).waitFor({ timeout: 60000 });
  await heardAt(TONE_RMS, 'the tone file, dry');
});

test('a plugin built in /forge changes the preview, and A/B bypass takes it back', async () => {
  await signUp(page, 'previewer');

  await build(levelPlugin());
  await preview.getByText('Test Level is on the preview track.').waitFor({ timeout: 30000 });
  await heardAt(TONE_RMS * dB(-12), 'the plugin at -12 dB');

  const ab = preview.getByRole('button', { name: 'A/B: bypass Test Level' });
  await ab.click();
  assert.equal(await ab.getAttribute('aria-pressed'), 'true');
  await heardAt(TONE_RMS, 'bypassed');
  await ab.focus();
  await page.keyboard.press('b');  // the B key while the preview has the focus
  await page.waitForFunction(() => document.querySelector('.forge-preview button[aria-keyshortcuts="B"]')?.getAttribute('aria-pressed') === 'false');
  await heardAt(TONE_RMS * dB(-12), 'the plugin back in');
  // The quick strip shows the same insert, its bypass the same state.
  assert.equal(await page.getByRole('button', { name: 'Bypass Test Level on Preview' }).getAttribute('aria-pressed'), 'false');
});

test('a parameter typed in the plugin window is heard', async () => {
  await preview.getByRole('button', { name: 'Open Test Level' }).click();
  const window = page.getByRole('dialog', { name: 'Test Level on Preview' });
  await window.waitFor();
  await window.getByRole('textbox', { name: 'Level value' }).fill('-24 dB');
  await window.getByRole('textbox', { name: 'Level value' }).press('Enter');
  await heardAt(TONE_RMS * dB(-24), 'Level at -24 dB');
});

test('a rebuilt version replaces it and keeps the Level the user set', async () => {
  await build(levelPlugin('floatParam(kSpare, "spare", "Spare", "dB", -12.0, 12.0, 0.0, Scale::Db),'));
  await preview.getByText('The new version of Test Level is playing').waitFor({ timeout: 30000 });
  const window = page.getByRole('dialog', { name: 'Test Level on Preview' });
  await window.getByRole('slider', { name: 'Spare' }).waitFor();  // the new version's window
  assert.equal(await window.getByRole('slider', { name: 'Level' }).getAttribute('aria-valuetext'), '-24.0 dB');
  await heardAt(TONE_RMS * dB(-24), 'the new version, Level kept at -24 dB');
});

test('a plugin that multiplies by 1000 stays under 0 dBFS at the output', async () => {
  await build(TIMES_1000);
  await preview.getByText('The new version of Blow Up is playing').waitFor({ timeout: 30000 });
  const window = page.getByRole('dialog', { name: 'Blow Up on Preview' });
  await window.getByRole('textbox', { name: 'Gain value' }).fill('60 dB');
  await window.getByRole('textbox', { name: 'Gain value' }).press('Enter');
  await window.getByRole('slider', { name: 'Gain' }).and(page.locator('[aria-valuetext="60.0 dB"]')).waitFor();
  for (let tries = 0; tries < 100 && (await output()).peak < dB(-3); ++tries) await page.waitForTimeout(100);  // turned up
  let loudest = 0;
  let quietest = Infinity;
  for (let reads = 0; reads < 20; ++reads) {  // about 3 s of output, read in overlapping windows
    const { peak } = await output();
    loudest = Math.max(loudest, peak);
    quietest = Math.min(quietest, peak);
    await page.waitForTimeout(150);
  }
  console.log(`x1000 at the output: peak ${(20 * Math.log10(loudest)).toFixed(2)} dBFS`);
  assert.ok(loudest <= dB(-1) + 1e-6, `the output peaks at ${loudest} (${(20 * Math.log10(loudest)).toFixed(2)} dBFS), above -1 dBFS`);
  assert.ok(quietest > dB(-6), 'and it is still heard (limited, not silenced)');
  const meter = await preview.getByLabel('Master peak').textContent();
  const meterDb = Number(/[-+]?\d+(\.\d+)?/.exec(meter ?? '')?.[0]);
  assert.ok(meterDb < 0, `the master meter reads ${meter}`);
  assert.ok(await preview.locator('.meter-clip').isHidden(), 'the meter never showed Clip');

  const artifacts = process.env.WEB_ARTIFACTS ?? 'build/web/artifacts';
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'forge-preview.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('an instrument plays the note pattern', async () => {
  await page.getByRole('button', { name: 'Close Blow Up on Preview' }).click();  // it lies over the Build button
  const describe = page.getByRole('region', { name: 'Describe' });
  await describe.getByLabel('Describe your plugin').fill('bass synth with a low-pass at 800 Hz and a Punch knob');
  await describe.getByRole('button', { name: 'Plan it' }).click();
  await describe.getByRole('group', { name: /^Plan: / }).getByRole('button', { name: 'Use this code' }).click();
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('region', { name: 'Build' }).getByRole('heading', { name: /is built$/ }).waitFor({ timeout: 120000 });
  await page.waitForFunction(() => document.querySelector('.forge-preview input[type="radio"]:checked')?.parentElement?.textContent?.includes('Note pattern'), null, { timeout: 30000 });
  assert.ok(await preview.getByRole('radio', { name: 'Built-in loop' }).isDisabled(), 'an instrument plays only notes');
  // Read once the analyser's window (a third of a second) holds nothing from before the switch:
  // the tone's tail would pass for the instrument.
  await page.waitForTimeout(500);
  let heard = { rms: 0 };
  for (let tries = 0; tries < 300 && heard.rms < 0.005; ++tries) {  // the instrument's track is rebuilt first
    await page.waitForTimeout(100);
    heard = await output();
  }
  assert.ok(heard.rms > 0.005, `the instrument is heard (RMS ${heard.rms})`);
  assert.equal(await page.locator('.quick-insert').count(), 1, 'the instrument alone on the track (no factory synth before it)');
});

test('Remove in the window takes the plugin off; Put back brings it; axe finds no WCAG 2.2 A/AA violation', async () => {
  await preview.getByRole('button', { name: /^Open / }).click();
  const window = page.getByRole('dialog', { name: /on Preview$/ });
  const title = await window.getByRole('heading').textContent();
  const name = title.replace(/ on Preview$/, '');
  await window.getByRole('button', { name: 'Remove' }).click();
  await preview.getByRole('button', { name: `Put ${name} back` }).click();
  await preview.getByRole('button', { name: `A/B: bypass ${name}` }).waitFor();
  await page.getByRole('dialog', { name: title }).waitFor();
  const violations = await axeViolations(page);
  assert.deepEqual(violations, []);
});
