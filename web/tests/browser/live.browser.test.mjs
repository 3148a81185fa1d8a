// The live audio path in a real-time AudioContext in Chromium, driven through the studio's own
// modules (the harness page, $WEB_HARNESS from tests/browser/harness: Transport, EngineNode, the
// control ring, as the app bundles them), with the output captured by a recording worklet node in the same graph:
//  1. A parameter change through the control ring acts from the next render quantum, on the first
//     frame of it; a session operation reaches the worklet between quanta (a mute is heard, its
//     undo too); the time from an insert.add to its first audible quantum is printed.
//  2. A plugin that goes into an endless loop stops the audio thread: the watchdog notices within
//     a second, names the plugin, and the session plays on, on a new audio path, with the plugin
//     bypassed.
//  2b. A loop switched on after the session opened still wraps on the audio path rebuilt after
//     a stall.
//  2c. A new instrument track (the factory synth as its first insert, one edit) sounds a note
//     played live at once.
//  3. A plugin over its time budget (measured by the engine's CPU loads, EW-14) is bypassed and
//     named; the rest plays on.
//  4. A session's audio in each import format (WAV, FLAC, MP3, Ogg Vorbis; written by
//     web_encoded_sources) is decoded by the browser and played by the engine in the worklet.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { encodeWav } from '../../../engine/js/wav.mjs';
import { env, openStudio } from './browser-fixture.mjs';

const RATE = 48000;
const LEVEL = 0.25;
const INVERT_LEFT = 3; // utility parameter ids (plugins/utility/utility.cpp)
const MISBEHAVE = 7; // the host tests' fixture plugin (host/tests/fixtures/fixture_plugin.c)
const LOOP_FOREVER = 3;
const FIXTURE_ID = 'studio.wasm.test.fixture';

const FORMATS = ['wav', 'flac', 'mp3', 'ogg'];

function session(tracks, source = 'level.wav', loop = { start: 0, end: 16, enabled: true }) {
  const clip = (id) => ({ id, source: { path: source }, start: 0, length: 16, offset: 0, gainDb: 0 });
  return JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 }, sampleRate: RATE, nextId: 1,
    loop,
    tracks: tracks.map(([id, inserts]) => ({
      id, name: id, kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master', clips: [clip(`${id}-clip`)],
      inserts: inserts.map(([insertId, plugin, params = {}]) => ({ id: insertId, plugin: { id: plugin, format: 'wsp' }, params, state: '', bypass: false })),
    })),
    master: { volumeDb: 0, inserts: [] },
  });
}

let studio;

before(async () => {
  studio = await openStudio((webRoot) => {
    cpSync(env('WEB_HARNESS'), join(webRoot, 'harness'), { recursive: true });
    const live = join(webRoot, 'live');
    mkdirSync(live, { recursive: true });
    const level = new Float32Array(RATE * 8).fill(LEVEL);
    writeFileSync(join(live, 'level.wav'), new Uint8Array(encodeWav([level, level], RATE)));
    writeFileSync(join(live, 'control.session.json'), session([['tone', [['u', 'studio.wasm.utility']]]]));
    writeFileSync(join(live, 'stall.session.json'), session([['good', [['good-utility', 'studio.wasm.utility']]], ['bad', [['bad-fixture', FIXTURE_ID]]]]));
    // Its loop (two beats: one second) off until the test switches it on.
    writeFileSync(join(live, 'stall-loop.session.json'), session([['good', [['good-utility', 'studio.wasm.utility']]], ['bad', [['bad-fixture', FIXTURE_ID]]]],
      'level.wav', { start: 0, end: 2, enabled: false }));
    cpSync(env('FIXTURE_PLUGIN'), join(live, 'fixture_plugin.wasm'));
    const encoded = spawnSync(env('ENCODED_SOURCES'), [live], { stdio: 'inherit' });
    assert.equal(encoded.status, 0, 'web_encoded_sources failed');
    writeFileSync(join(live, 'budget.session.json'), session([['heavy', [['heavy-reverb', 'studio.wasm.reverb']]], ['dry', []]]));
    for (const format of FORMATS) writeFileSync(join(live, `${format}.session.json`), session([['tone', []]], `tone.${format}`));
  });
});

after(async () => {
  await studio?.close();
});

async function harnessPage() {
  const page = await studio.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.origin}/harness/index.html`);
  await page.waitForFunction(() => 'harness' in window);
  return { page, errors };
}

test('a parameter change through the control ring acts from the next quantum; edits reach the worklet', async () => {
  const { page, errors } = await harnessPage();
  const result = await page.evaluate(async ({ INVERT_LEFT, LEVEL }) => {
    const { Transport, ModuleCache, protocol, capture } = window.harness;
    const transport = await Transport.open('/live/control.session.json', new ModuleCache(), () => {});
    const recording = await capture(transport, 8);
    await transport.play();
    const state = transport.engine.state;
    const until = async (condition, what) => {
      for (let i = 0; i < 500; ++i) {
        if (condition()) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    const recorded = () => Atomics.load(recording.header, 0);
    await until(() => recorded() > 0.3 * transport.context.sampleRate, 'the first 0.3 s');
    // The meters and CPU loads the page reads (EngineNode.stats, laid out by EngineNode.layout).
    const layout = transport.engine.layout.tracks.find((t) => t.id === 'tone');
    const meters = {
      inserts: layout.inserts.map((i) => i.id),
      peak: transport.engine.stats[layout.at],
      trackLoad: transport.engine.stats[layout.at + 2],
      insertLoad: transport.engine.stats[layout.inserts[0].at],
      engineLoad: state[protocol.STATE_LOAD],
    };

    // 1. The ring: invert the left channel now.
    const quantaBefore = state[protocol.STATE_QUANTA];
    const playTakenAt = state[protocol.STATE_APPLIED_FRAME];  // Play went through the ring too
    const kept = transport.setParam('tone', 0, 'u', INVERT_LEFT, 1);  // through the ring, and kept
    await until(() => state[protocol.STATE_APPLIED_FRAME] !== playTakenAt, 'the change to be taken');
    const appliedFrame = state[protocol.STATE_APPLIED_FRAME];
    const appliedQuantum = state[protocol.STATE_APPLIED_QUANTUM];
    const at = appliedFrame - recording.start;
    await until(() => recorded() > at + 256, 'the changed quanta');
    const samples = recording.samples;
    const flip = { before: samples[at - 1], first: samples[at], quantum: Array.from(samples.subarray(at, at + 128)) };
    if (!(await kept).ok) throw new Error('insert.setParam was refused');

    // 2. An edit: mute the track; then undo it.
    const muted = await transport.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'track.update', id: 'tone', set: { mute: true } }] });
    const mutedFrom = recorded();
    await until(() => recorded() > mutedFrom + 0.2 * transport.context.sampleRate, 'audio after the mute');
    const afterMute = Math.max(...Array.from(samples.subarray(recorded() - 2048, recorded())).map(Math.abs));
    const undone = await transport.undo();
    const undoneFrom = recorded();
    await until(() => recorded() > undoneFrom + 0.2 * transport.context.sampleRate, 'audio after the undo');
    const afterUndo = Math.min(...Array.from(samples.subarray(recorded() - 2048, recorded())).map(Math.abs));

    // 3. How soon an added plugin is heard: a second utility inverting the left channel again
    // (back to positive), from the last frame captured when it is asked for.
    const calledFrame = recorded() + recording.start;
    const stillInverted = samples[recorded() - 1] < 0;
    const calledAt = performance.now();
    const added = await transport.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.add', chain: 'tone',
      insert: { id: 'late', plugin: { id: 'studio.wasm.utility', format: 'wsp' }, params: { [INVERT_LEFT]: 1 }, state: '', bypass: false } }] });
    const answeredMs = performance.now() - calledAt;
    await until(() => recorded() > calledFrame - recording.start + 0.3 * transport.context.sampleRate, 'audio after the insert');
    let heard = -1;
    for (let i = Math.max(0, calledFrame - recording.start); i < recorded(); ++i) if (samples[i] > 0) { heard = i + recording.start; break; }
    // 4. A factory plugin the session did not have: its module goes to the worklet first, so the
    // graph holds an instance of it (a handle), not a pass-through.
    const eq = await transport.addInsert('tone', 'studio.wasm.eq');
    const eqHandle = eq.ok ? transport.engine.layout.tracks.find((t) => t.id === 'tone').inserts.find((i) => i.id === eq.insert)?.handle ?? 0 : 0;
    await transport.close();
    return {
      eqAdded: eq.ok, eqHandle, meters, quantaBefore, appliedQuantum, appliedFrame, flip, stillInverted, muted: muted.ok, undone: undone.ok, afterMute, afterUndo, added: added.ok,
      addedAudibleMs: heard < 0 ? -1 : ((heard - calledFrame) / transport.context.sampleRate) * 1000, answeredMs,
      isolated: crossOriginIsolated, LEVEL,
      outputLatencyMs: (transport.context.baseLatency + (transport.context.outputLatency || 0)) * 1000,
    };
  }, { INVERT_LEFT, LEVEL });
  await page.close();
  assert.deepEqual(errors, []);
  assert.equal(result.isolated, true, 'the ring needs shared memory: vaist serve sends COOP/COEP');
  const { meters } = result;
  assert.deepEqual(meters.inserts, ['u']);
  assert.ok(Math.abs(meters.peak - LEVEL) < 1e-3, `track peak ${meters.peak}`);
  // Loads are shares of real time, on a millisecond clock summed over 0.25 s: a utility's few
  // microseconds a quantum may read 0 there (EW-14), the track's own work and the engine's do not.
  assert.ok(meters.insertLoad >= 0 && meters.trackLoad > 0 && meters.trackLoad < 1 && meters.engineLoad > 0,
    `loads: track ${meters.trackLoad}, insert ${meters.insertLoad}, engine ${meters.engineLoad}`);
  // Taken by the first quantum to start after the write (the count may have moved on by one
  // between reading it and writing the record), on that quantum's first frame.
  assert.ok(result.appliedQuantum - result.quantaBefore <= 1, `applied in quantum ${result.appliedQuantum}, written after ${result.quantaBefore}`);
  assert.equal(result.appliedFrame % 128, 0);
  assert.ok(Math.abs(result.flip.before - LEVEL) < 1e-6, `before: ${result.flip.before}`);
  for (const sample of result.flip.quantum) assert.ok(Math.abs(sample + LEVEL) < 1e-6, `in the quantum: ${sample}`);
  assert.ok(result.muted && result.undone && result.added);
  assert.ok(result.eqAdded && result.eqHandle > 0, `a new factory plugin's insert has an instance (handle ${result.eqHandle})`);
  assert.ok(result.afterMute < 1e-4, `after the mute: ${result.afterMute}`);
  assert.ok(result.afterUndo > 0.2, `after the undo: ${result.afterUndo}`);
  assert.ok(result.stillInverted, 'the kept parameter change survived the edits');
  assert.ok(result.addedAudibleMs >= 0, 'the added insert was heard');
  console.log(`insert.add on a playing session: answered in ${result.answeredMs.toFixed(1)} ms; heard `
    + `${result.addedAudibleMs.toFixed(1)} ms of audio time after the last quantum captured at the call, `
    + `plus the context's output latency of ${result.outputLatencyMs.toFixed(1)} ms`);
});

test('an endless loop in a plugin: the watchdog names it within a second and the session plays on without it', async () => {
  const { page, errors } = await harnessPage();
  const result = await page.evaluate(async ({ MISBEHAVE, LOOP_FOREVER, FIXTURE_ID }) => {
    const { Transport, ModuleCache, protocol } = window.harness;
    const faults = [];
    let faulted;
    const reported = new Promise((resolve) => { faulted = resolve; });
    const transport = await Transport.open('/live/stall.session.json', new ModuleCache(), (more) => {
      faults.push(...more);
      faulted(performance.now());
    }, { pluginUrl: (ref) => (ref.id === FIXTURE_ID ? '/live/fixture_plugin.wasm' : null) });
    let rebuilt;
    const restarted = new Promise((resolve) => { rebuilt = resolve; });
    transport.onRebuilt = () => rebuilt();
    await transport.play();
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    while (transport.engine.state[protocol.STATE_QUANTA] < 200) await wait(10);
    const loopedAt = performance.now();
    transport.liveParam('bad', 0, MISBEHAVE, LOOP_FOREVER);
    const noticedAt = await reported;
    await restarted;
    const state = transport.engine.state;
    const quanta = state[protocol.STATE_QUANTA];
    await wait(500);
    const chain = transport.session.document.tracks.find((t) => t.id === 'bad').inserts;
    const answer = {
      faults, noticedMs: noticedAt - loopedAt, quantaAfter: state[protocol.STATE_QUANTA] - quanta,
      playing: state[protocol.STATE_PLAYING], peak: Math.max(state[protocol.STATE_PEAK_LEFT], state[protocol.STATE_PEAK_RIGHT]),
      bypassed: chain[0].bypass,
    };
    await transport.close();
    return answer;
  }, { MISBEHAVE, LOOP_FOREVER, FIXTURE_ID });
  await page.close();
  assert.deepEqual(errors, []);
  console.log(`an endless loop in a plugin was noticed ${result.noticedMs.toFixed(0)} ms after it began`);
  assert.equal(result.faults.length, 1, JSON.stringify(result.faults));
  const [fault] = result.faults;
  assert.deepEqual([fault.track, fault.slot, fault.insert, fault.kind], ['bad', 0, 'bad-fixture', 'stalled']);
  assert.match(fault.message, /Fixture/);
  assert.ok(result.noticedMs < 1000, `noticed after ${result.noticedMs} ms`);
  assert.equal(result.bypassed, true);
  assert.equal(result.playing, 1);
  // Real time is 187 quanta in 0.5 s; the abandoned thread spins on one of this machine's cores.
  assert.ok(result.quantaAfter > 20, `the new audio path rendered ${result.quantaAfter} quanta in 0.5 s`);
  assert.ok(result.peak > 0.2, `the master peak after the restart: ${result.peak}`);
});

// What the timeline's "Add instrument track" does (Timeline.tsx): the factory's instrument made
// ready, then the track and its first insert in one edit. A note played live on it is heard.
test('a new instrument track plays a note at once through the factory synth', async () => {
  const { page, errors } = await harnessPage();
  const result = await page.evaluate(async () => {
    const { Transport, ModuleCache, protocol, addTrackOps, batch, factoryInstrument } = window.harness;
    const transport = await Transport.open('/live/control.session.json', new ModuleCache(), () => {});
    await transport.apply(batch([{ op: 'track.update', id: 'tone', set: { mute: true } }]));
    const synth = await factoryInstrument();
    const prepared = await transport.preparePlugin(synth.descriptor.id);
    const made = addTrackOps(transport.session.document, 'instrument', (prefix) => transport.session.freshId(prefix), undefined, synth.descriptor.id);
    const applied = await transport.apply(batch(made.ops));
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    const state = transport.engine.state;
    // Counted from Play: the context may have run (stopped) before it.
    const played = state[protocol.STATE_QUANTA];
    await transport.play();
    // The track muted before Play is silent from Play's first quantum (the meter holds any peak).
    let silent = 0;
    while (state[protocol.STATE_QUANTA] < played + 20) {
      await wait(2);
      silent = Math.max(silent, state[protocol.STATE_PEAK_LEFT], state[protocol.STATE_PEAK_RIGHT]);
    }
    transport.liveNote(made.id, 60, 0.8);
    let peak = 0;
    for (let i = 0; i < 300 && peak < 0.01; ++i) {
      await wait(10);
      peak = Math.max(state[protocol.STATE_PEAK_LEFT], state[protocol.STATE_PEAK_RIGHT]);
    }
    const inserts = transport.session.document.tracks.find((t) => t.id === made.id).inserts.map((i) => i.plugin.id);
    await transport.close();
    return { synth: synth.descriptor.id, prepared: prepared.ok, applied: applied.ok, inserts, silent, peak };
  });
  await page.close();
  assert.deepEqual(errors, []);
  assert.equal(result.synth, 'studio.wasm.synth');
  assert.ok(result.prepared && result.applied, JSON.stringify(result));
  assert.deepEqual(result.inserts, ['studio.wasm.synth']);
  assert.ok(result.silent < 1e-4, `before the note: ${result.silent}`);
  assert.ok(result.peak >= 0.01, `the note's peak on the master: ${result.peak}`);
});

// The rebuilt audio path loads the engine again: a loop the musician switched on after the session
// opened (off in the file) must wrap there too, not only once toggled again.
test('a loop switched on before a stall wraps on the rebuilt audio path', async () => {
  const { page, errors } = await harnessPage();
  const result = await page.evaluate(async ({ MISBEHAVE, LOOP_FOREVER, FIXTURE_ID, RATE }) => {
    const { Transport, ModuleCache, protocol, setLoop } = window.harness;
    const transport = await Transport.open('/live/stall-loop.session.json', new ModuleCache(), () => {},
      { pluginUrl: (ref) => (ref.id === FIXTURE_ID ? '/live/fixture_plugin.wasm' : null) });
    let rebuilt;
    const restarted = new Promise((resolve) => { rebuilt = resolve; });
    transport.onRebuilt = () => rebuilt();
    const refused = await setLoop(transport, { start: 0, end: 2, enabled: true });
    await transport.play();
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    while (transport.engine.state[protocol.STATE_QUANTA] < 100) await wait(10);
    transport.liveParam('bad', 0, MISBEHAVE, LOOP_FOREVER);
    await restarted;
    // Played on from where it stopped (under the loop's end): it wraps at the end (the position
    // goes back) or passes it; seven seconds of audio at most, whatever comes first.
    const loopEnd = RATE;  // two beats at 120 beats a minute
    const state = transport.engine.state;
    let last = state[protocol.STATE_POSITION];
    let outcome = 'neither within 7 s';
    for (let i = 0; i < 700; ++i) {
      await wait(10);
      const position = state[protocol.STATE_POSITION];
      if (position < last) { outcome = 'wrapped'; break; }
      if (position > loopEnd + 128) { outcome = `passed the loop's end (${position} frames)`; break; }
      last = position;
    }
    await transport.close();
    return { refused, outcome };
  }, { MISBEHAVE, LOOP_FOREVER, FIXTURE_ID, RATE });
  await page.close();
  assert.deepEqual(errors, []);
  assert.equal(result.refused, '');
  assert.equal(result.outcome, 'wrapped');
});

test('a plugin over its time budget is bypassed and named while the rest plays on', async () => {
  const { page, errors } = await harnessPage();
  const result = await page.evaluate(async () => {
    const { Transport, ModuleCache, protocol } = window.harness;
    let reported;
    const fault = new Promise((resolve) => { reported = resolve; });
    // A budget no reverb can keep (a ten-thousandth of real time): the guard must name it.
    const transport = await Transport.open('/live/budget.session.json', new ModuleCache(), (faults) => reported(faults), { pluginBudget: 1e-4 });
    await transport.play();
    const faults = await Promise.race([fault, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
    await new Promise((r) => setTimeout(r, 300));
    const heavy = transport.session.document.tracks.find((t) => t.id === 'heavy').inserts[0];
    const answer = { faults, bypassed: heavy.bypass, playing: transport.engine.state[protocol.STATE_PLAYING], peak: transport.engine.state[protocol.STATE_PEAK_LEFT] };
    await transport.close();
    return answer;
  });
  await page.close();
  assert.deepEqual(errors, []);
  assert.ok(result.faults !== null, 'no overload was reported within 5 s');
  assert.equal(result.faults.length, 1, JSON.stringify(result.faults));
  const [fault] = result.faults;
  assert.deepEqual([fault.track, fault.slot, fault.insert, fault.kind], ['heavy', 0, 'heavy-reverb', 'over time budget']);
  assert.match(fault.message, /studio\.wasm\.reverb took \d+% of the audio thread's time/);
  assert.equal(result.bypassed, true);
  assert.equal(result.playing, 1);
  assert.ok(result.peak > 0.2, `master peak ${result.peak}`);
});

test('audio in WAV, FLAC, MP3 and Ogg Vorbis is decoded in the browser and played by the engine', async () => {
  const { page, errors } = await harnessPage();
  const results = {};
  for (const format of FORMATS) {
    const rendered = await page.evaluate((url) => window.renderInWorklet(48000, url), `/live/${format}.session.json`);
    const channels = [rendered.left, rendered.right].map((base64) => {
      const bytes = Buffer.from(base64, 'base64');
      return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    });
    // From 0.25 s to 1 s (past any codec's start-up delay): the tone's frequency by its upward zero
    // crossings, and its level.
    results[format] = channels.map((x) => {
      let crossings = 0;
      let squares = 0;
      for (let i = 12000; i < 48000; ++i) {
        if (x[i - 1] < 0 && x[i] >= 0) ++crossings;
        squares += x[i] * x[i];
      }
      return { hz: crossings / 0.75, db: 10 * Math.log10(squares / 36000) };
    });
  }
  await page.close();
  assert.deepEqual(errors, []);
  console.log(`decoded and played: ${JSON.stringify(results)}`);
  // A -12 dBFS sine is -15.01 dB RMS; the engine's track fader and the master pass it at unity.
  for (const format of FORMATS) {
    const [left, right] = results[format];
    assert.ok(Math.abs(left.hz - 440) <= 3 && Math.abs(right.hz - 660) <= 3, `${format}: ${left.hz} Hz, ${right.hz} Hz`);
    assert.ok(Math.abs(left.db + 15.01) < 0.5 && Math.abs(right.db + 15.01) < 0.5, `${format}: ${left.db} dB, ${right.db} dB`);
  }
});
