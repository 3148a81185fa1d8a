// A musician's uploaded plugins follow their account, in Debian's Chromium against the real
// `vaist serve` on 127.0.0.1: a minified vAIst Forge build (the .wasm, its emscripten glue and
// descriptor.json, from the fixtures emcc builds in host/tests/vaist; skipped without them)
// uploaded through the insert menu in one browser profile is listed, once signed in, in a fresh
// profile's insert menu (GET /api/v1/plugins/uploads), inserted there (its module and manifest
// fetched from the server, checked and kept in that browser) and driven from its window. The
// session saved to the server from there downloads as a project file holding the glue the server
// kept with the plugin, which `vaist render` renders (without the glue it could not load it).
// ctest sets VAIST, WEB_DIST, CHROMIUM, WSTUDIO_VAIST_FIXTURE_DIR.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, launchChromium, openStudio, warmDriveOnKeysAt60 } from './browser-fixture.mjs';

const fixtures = process.env.WSTUDIO_VAIST_FIXTURE_DIR;
const forge = fixtures ? join(fixtures, 'warm_drive_glue') : '';
const skip = forge === '' || !existsSync(join(forge, 'vaist-processor.wasm')) ? 'the vAIst fixtures were not built (emcc missing)' : false;

let studio;
let fresh;
before(async () => {
  if (!skip) studio = await openStudio();
});
after(async () => {
  await fresh?.close();
  await studio?.close();
});

async function openPage(browser) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.origin}/studio`);
  await page.getByRole('region', { name: 'Mixer' }).waitFor({ timeout: 30000 });
  return { page, errors };
}

// A key's value in one of the studio's IndexedDB stores (undefined when absent).
const stored = (page, store, key) => page.evaluate(([store, key]) => new Promise((resolve, reject) => {
  const open = indexedDB.open('wasm-studio');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction(store).objectStore(store).get(key);
    get.onsuccess = () => resolve(get.result === undefined ? undefined : { key, type: typeof get.result });
    get.onerror = () => reject(get.error);
  };
}), [store, key]);

test('a plugin uploaded in one browser is found, inserted and packed whole from a fresh profile', { skip }, async () => {
  const sha256 = createHash('sha256').update(readFileSync(join(forge, 'vaist-processor.wasm'))).digest('hex');

  // Profile one: sign up and upload the Forge build (its three files) from the Keys strip.
  const first = await openPage(studio.browser);
  const registered = await first.page.evaluate(async () => (await fetch('/api/v1/auth/register', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'forge', password: 'correct horse 1' }),
  })).status);
  assert.equal(registered, 201);
  const firstKeys = first.page.getByRole('group', { name: 'Keys', exact: true });
  await firstKeys.locator('input[type="file"]').setInputFiles(['vaist-processor.wasm', 'vaist-processor.js', 'descriptor.json'].map((f) => join(forge, f)));
  await first.page.waitForFunction(() => [...document.querySelectorAll('.upload-status')].some((s) => /Warm Drive passed the checks/.test(s.textContent)));
  await first.page.close();
  assert.deepEqual(first.errors, []);

  // A fresh profile: signed out, its menu has no uploaded plugin.
  fresh = await launchChromium(join(studio.work, 'fresh-profile'));
  const { page, errors } = await openPage(fresh);
  const keys = page.getByRole('group', { name: 'Keys', exact: true });
  await keys.getByRole('button', { name: 'Add an insert to Keys', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Compressor', exact: true }).waitFor();
  assert.equal(await page.getByRole('menuitem', { name: 'Warm Drive', exact: true }).count(), 0);
  await page.keyboard.press('Escape');

  // Signed in from the header, the account's upload is listed and inserts: module and manifest
  // from the server, kept in this browser.
  const account = page.getByRole('group', { name: 'Account' });
  await account.getByRole('button', { name: 'Sign in' }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in' });
  await signIn.getByLabel('Username').fill('forge');
  await signIn.getByLabel('Password').fill('correct horse 1');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await account.getByText('Signed in as forge').waitFor();
  await warmDriveOnKeysAt60(page, keys);
  assert.deepEqual(await stored(page, 'assets', sha256), { key: sha256, type: 'object' });
  assert.deepEqual(await stored(page, 'settings', `uploaded-plugin:${sha256}`), { key: `uploaded-plugin:${sha256}`, type: 'object' });

  // Saved to the server and downloaded from its list as a project file: the glue the server
  // kept is in it, so vaist render loads the minified plugin.
  await page.getByRole('button', { name: 'Save to server' }).click();
  await page.getByRole('status').filter({ hasText: /^Saved as “Demo session” at .+\.$/ }).waitFor({ timeout: 60000 });
  await page.getByRole('button', { name: 'Server sessions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your sessions on the server' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download Demo session as a project file' }).click();
  const download = await downloading;
  await dialog.getByText(/^Downloaded “Demo session” as Demo session\.wstudio\.zip/).waitFor();
  assert.doesNotMatch(await dialog.getByText(/^Downloaded “Demo session”/).textContent(), /without/);
  const projectPath = join(studio.work, 'forge.wstudio.zip');
  await download.saveAs(projectPath);
  const entries = readFileSync(projectPath).toString('latin1');
  assert.ok(entries.includes(`plugins/${sha256}.vaist.json`), 'the project file holds the plugin\'s descriptor and glue');
  const rendered = spawnSync(env('VAIST'), ['render', projectPath, '-o', join(studio.work, 'forge.wav')], { encoding: 'utf8' });
  assert.equal(rendered.status, 0, rendered.stderr);
  assert.ok(existsSync(join(studio.work, 'forge.wav')));
  await page.close();
  assert.deepEqual(errors, []);
});
