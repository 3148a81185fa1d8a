// The Forge's versions (/forge "Refine and keep", /forge/plugins) against the real `vaist serve`:
//  1. A description is planned and built, kept as v1; "add a mix knob" in the chat box refines
//     the plan (what changed is said, the part not understood too), builds and is kept as v2,
//     whose parent is v1; v1 and v2 open in the editor in turn (each rebuilt from the cache) and
//     compare; v1 is restored as the current version; all from the keyboard where it matters.
//  2. My plugins lists the plugin with both versions, their downloads and a link back.
//  3. axe-core finds no WCAG 2.2 A/AA violation on /forge (versions shown) nor on /forge/plugins.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { axeViolations, openStudio, signUp } from './browser-fixture.mjs';


let studio;
let page;
before(async () => {
  studio = await openStudio();
  page = await studio.browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());  // "Replace your source?": yes
  await page.goto(`${studio.origin}/forge`);
  await page.getByRole('region', { name: 'Source' }).waitFor();
});
after(async () => {
  await studio?.close();
});

const editor = () => page.getByRole('textbox', { name: 'Plugin source, C++' });
const versions = () => page.getByRole('list', { name: /^Versions of / });


test('describe, build, keep, refine into v2, switch to v1 and back, compare, restore', async () => {
  await signUp(page, 'keeper');

  const describe = page.getByRole('region', { name: 'Describe' });
  await describe.getByLabel('Describe your plugin').fill('a tape saturator with a Heat knob and a low-pass');
  await describe.getByRole('button', { name: 'Plan it' }).click();
  await describe.getByRole('group', { name: /^Plan: / }).getByRole('button', { name: 'Use this code' }).click();
  const keep = page.getByRole('button', { name: 'Keep this plugin' });
  assert.ok(await keep.isDisabled(), 'nothing built yet: nothing to keep');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('heading', { name: /is built$/ }).waitFor({ timeout: 120000 });
  await keep.click();
  await versions().getByText('v1').waitFor();
  assert.equal(await versions().getByRole('listitem').count(), 1);

  // The chat box, from the keyboard: type and press Enter.
  const chat = page.getByLabel('Tell the Forge what to change');
  await chat.fill('add a mix knob, flux capacitor');
  await chat.press('Enter');
  const said = page.getByRole('list', { name: 'Refinements' });
  await said.getByText('Built and kept as v2.').waitFor({ timeout: 120000 });
  assert.match(await said.getByRole('list', { name: 'What changed' }).textContent(), /added a Mix knob/);
  assert.match(await said.getByRole('list', { name: 'Not understood' }).textContent(), /flux capacitor/);
  assert.equal(await versions().getByRole('listitem').count(), 2);
  assert.ok(await page.getByRole('button', { name: 'Keep as a new version' }).isDisabled(), 'v2 is kept already');
  const v2 = versions().getByRole('listitem').nth(1);
  assert.match(await v2.textContent(), /v2.*current.*in the editor.*add a mix knob/);
  assert.match(await editor().textContent(), /blended with the dry input by the mix knob/);

  // Open v1: its source (no mix knob) in the editor, rebuilt; then compare with v2 and go back.
  await page.getByRole('button', { name: 'Open v1 and play it' }).click();
  await page.getByRole('heading', { name: /is built$/ }).waitFor({ timeout: 120000 });
  await versions().getByRole('listitem').first().filter({ hasText: 'in the editor' }).waitFor();
  assert.doesNotMatch(await editor().textContent(), /blended with the dry input by the mix knob/);
  await page.getByRole('button', { name: 'Compare v2 with v1' }).click();
  const comparison = page.getByRole('region', { name: 'v2 → v1' });
  assert.match(await comparison.textContent(), /removed the Mix knob[\s\S]*lines added/);
  const back = page.getByRole('button', { name: 'Open v2 and play it' });
  await back.focus();
  await page.keyboard.press('Enter');
  await versions().getByRole('listitem').nth(1).filter({ hasText: 'in the editor' }).waitFor();
  await page.getByRole('heading', { name: /is built$/ }).waitFor({ timeout: 120000 });
  assert.match(await editor().textContent(), /blended with the dry input by the mix knob/);

  // Restore v1 as the current version.
  await page.getByRole('button', { name: 'Restore v1 as the current version' }).click();
  await versions().getByRole('listitem').first().filter({ hasText: 'current' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Restore v1 as the current version' }).isDisabled());
});

test('axe finds no WCAG 2.2 A/AA violation on /forge with versions and a comparison shown', async () => {
  await page.getByRole('button', { name: 'Compare v1 with v2' }).click();
  assert.deepEqual(await axeViolations(page), []);
});

test('My plugins lists the kept plugin with its versions, downloads and a way back', async () => {
  await page.getByRole('link', { name: 'My plugins' }).first().click();
  await page.getByRole('heading', { name: 'My plugins', level: 1 }).waitFor();
  const plugin = page.getByRole('article');
  await plugin.waitFor();
  assert.equal(await plugin.count(), 1);
  const rows = plugin.getByRole('table', { name: /^Versions of / }).getByRole('row');
  assert.equal(await rows.count(), 3);  // the head and v1, v2
  assert.match(await rows.nth(1).textContent(), /v1 \(current\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), plugin.getByRole('link', { name: /^\.wasm of v2 of / }).click()]);
  const bytes = await (await import('node:fs/promises')).readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module');
  assert.deepEqual(await axeViolations(page), []);
  await plugin.getByRole('link', { name: /^Open v2 of / }).click();
  await page.getByRole('region', { name: 'Source' }).waitFor();
  await versions().getByRole('listitem').nth(1).filter({ hasText: 'in the editor' }).waitFor({ timeout: 60000 });
  assert.match(await editor().textContent(), /blended with the dry input by the mix knob/);
});
