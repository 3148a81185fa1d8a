// Deleting kept Forge plugins and versions against the real `vaist serve` (forge/README.md,
// "Deleting"): one plugin with v1 -> v2 -> v3 and another are kept through the API; then
//  1. on My plugins, v2 is deleted from the keyboard through its confirmation dialog (focus on
//     Cancel, Escape cancels, the dialog says v3 will name v1 as its parent), and the second
//     plugin is deleted: the list shows what the server has;
//  2. in the Forge's versions panel, v3 (current) is deleted, then the plugin itself;
//  3. a vAIst Forge module imported as built (trim_clean, when emcc built the fixtures) is kept
//     from the page with no source, listed as such, and deleted with its plugin;
//  4. axe-core finds no WCAG 2.2 A/AA violation with a dialog open; a screenshot of it is
//     written to $WEB_ARTIFACTS/forge-versions-delete.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { axeViolations, openStudio, signUp } from './browser-fixture.mjs';

// The import tests' vAIst fixtures: the sources here, the built modules in the build folder.
const PROJECTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../forge/tests/data/vaist');
const BUILT = process.env.FORGE_VAIST_BUILT ?? 'build/forge/tests/vaist';

let studio;
let page;
before(async () => {
  studio = await openStudio();
  page = await studio.browser.newPage();
  await page.goto(`${studio.origin}/forge`);
  await page.getByRole('region', { name: 'Source' }).waitFor();
});
after(async () => {
  await studio?.close();
});

// Keeps plugins through the API as the page would: a planned source built once, kept as a
// plugin with `chain` versions (each the child of the one before), and a second plugin.
async function keepThroughApi(prompt, chain) {
  return page.evaluate(async ([words, count]) => {
    const csrf = (await (await fetch('/api/v1/auth/me')).json()).csrfToken;
    const call = async (method, path, body) => {
      const response = await fetch(`/api/v1${path}`, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const planned = await call('POST', '/forge/plans', { prompt: words });
    let build = await call('POST', '/forge/builds', { language: 'cpp', source: planned.source });
    while (build.status === 'queued' || build.status === 'compiling') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      build = await (await fetch(`/api/v1/forge/builds/${build.id}`)).json();
    }
    const keep = { buildId: build.id, plan: planned.plan };
    const plugin = await call('POST', '/forge/plugins', { ...keep, message: 'the first' });
    let parent = plugin.versions[0].id;
    for (let n = 2; n <= count; ++n) {
      parent = (await call('POST', `/forge/plugins/${plugin.id}/versions`, { ...keep, parentVersionId: parent, message: `refinement ${n}` })).id;
    }
    const other = await call('POST', '/forge/plugins', { ...keep, message: 'another' });
    return { plugin: plugin.id, name: plugin.name, other: other.id };
  }, [prompt, chain]);
}

let kept;

test('My plugins: a version deleted from the keyboard through its dialog, then a whole plugin', async () => {
  await signUp(page, 'pruner');
  kept = await keepThroughApi('a tremolo at 5 Hz', 3);
  await page.goto(`${studio.origin}/forge/plugins`);
  await page.getByRole('heading', { name: 'My plugins', level: 1 }).waitFor();
  await page.getByRole('article').nth(1).waitFor();  // listed once the server answered
  assert.equal(await page.getByRole('article').count(), 2);
  const first = page.locator(`article[aria-labelledby="kept-${kept.plugin}"]`);
  assert.equal(await first.getByRole('row').count(), 4);  // the head and v1, v2, v3

  // Enter opens the dialog with focus on Cancel (a second Enter would not delete); Escape cancels.
  const deleteV2 = first.getByRole('button', { name: `Delete v2 of ${kept.name}` });
  await deleteV2.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: `Delete v2 of ${kept.name}?` });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /v3 was made from it and will name v1 as its parent\./);
  assert.match(await dialog.textContent(), /Its module stays among your plugins in the studio/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel');
  assert.deepEqual(await axeViolations(page), []);
  const artifacts = process.env.WEB_ARTIFACTS ?? 'build/web/artifacts';
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'forge-versions-delete.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Delete v2 of ${kept.name}`, 'focus is back on the button');
  assert.equal(await first.getByRole('row').count(), 4, 'cancelled: nothing deleted');

  // Again, and confirmed from the keyboard: Tab to "Delete v2", Enter.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Delete v2');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await first.getByRole('row').nth(3).waitFor({ state: 'detached' });
  assert.deepEqual(await first.getByRole('rowheader').allTextContents(), ['v1', 'v3 (current)']);

  // The other plugin, whole.
  const other = page.locator(`article[aria-labelledby="kept-${kept.other}"]`);
  await other.getByRole('button', { name: `Delete ${kept.name} and its version` }).click();
  const whole = page.getByRole('alertdialog', { name: `Delete ${kept.name}?` });
  await whole.getByRole('button', { name: `Delete ${kept.name}` }).click();
  await whole.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  // What the page shows is what the server has.
  const listed = await page.evaluate(async () => (await (await fetch('/api/v1/forge/plugins')).json()).plugins);
  assert.deepEqual(listed.map((p) => [p.id, p.versions.map((v) => v.number)]), [[kept.plugin, [1, 3]]]);
});

test('the versions panel deletes the current version, then the plugin', async () => {
  await page.goto(`${studio.origin}/forge?plugin=${kept.plugin}`);
  const versions = page.getByRole('list', { name: `Versions of ${kept.name}` });
  await versions.getByRole('listitem').nth(1).waitFor();
  await page.getByRole('region', { name: 'Refine and keep' }).screenshot({ path: join(process.env.WEB_ARTIFACTS ?? 'build/web/artifacts', 'forge-versions-delete-panel.png') });
  await page.getByRole('button', { name: `Delete v3 of ${kept.name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Delete v3 of ${kept.name}?` });
  assert.match(await dialog.textContent(), /v1 becomes the current version\./);
  await dialog.getByRole('button', { name: 'Delete v3' }).click();
  await dialog.waitFor({ state: 'detached' });
  await versions.getByRole('listitem').nth(1).waitFor({ state: 'detached' });
  assert.match(await versions.getByRole('listitem').first().textContent(), /v1.*current/);
  // The only version is deleted with its plugin: no Delete of its own.
  assert.equal(await page.getByRole('button', { name: `Delete v1 of ${kept.name}` }).count(), 0);

  await page.getByRole('button', { name: `Delete ${kept.name} and its version` }).click();
  const whole = page.getByRole('alertdialog', { name: `Delete ${kept.name}?` });
  await whole.getByRole('button', { name: `Delete ${kept.name}` }).click();
  await versions.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.location.search), '', 'a reload does not ask for the deleted plugin');
  await page.getByRole('link', { name: 'My plugins' }).first().click();
  await page.getByText('No plugins kept yet').waitFor();
});

test('a vAIst module imported as built is kept from the page and deleted', { skip: !existsSync(join(BUILT, 'trim_clean', 'vaist-processor.wasm')) && 'the vAIst fixtures were not built (emcc missing)' }, async () => {
  await page.goto(`${studio.origin}/forge`);
  const panel = page.getByRole('region', { name: 'Import a vAIst project' });
  await panel.getByLabel('vAIst project files').setInputFiles([join(BUILT, 'trim_clean', 'vaist-processor.wasm'), join(PROJECTS, 'trim', 'descriptor.json')]);
  await panel.getByRole('status').filter({ hasText: 'Trim was imported: it is the current build.' }).waitFor({ timeout: 120000 });
  await page.getByRole('button', { name: 'Keep this plugin' }).click();
  const versions = page.getByRole('list', { name: 'Versions of Trim' });
  await versions.getByRole('listitem').first().waitFor();
  assert.match(await versions.textContent(), /v1.*current.*vAIst module, imported as built.*imported from vAIst Forge/);
  assert.equal(await versions.getByRole('button', { name: /^Open v1/ }).count(), 0, 'no source to open');
  // Opened again from My plugins, on a page that built nothing: the kept module plays as it is.
  const [kept] = await page.evaluate(async () => (await (await fetch('/api/v1/forge/plugins')).json()).plugins);
  await page.goto(`${studio.origin}/forge?plugin=${kept.id}`);
  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.getByText('Trim plays on the preview track.').waitFor({ timeout: 60000 });
  await versions.getByText('on the preview', { exact: true }).waitFor();
  await versions.getByRole('button', { name: 'Play v1 on the preview' }).click();
  assert.equal(await page.getByRole('region', { name: 'Refine and keep' }).getByRole('alert').count(), 0);
  await page.getByRole('button', { name: 'Delete Trim and its version' }).click();
  await page.getByRole('alertdialog', { name: 'Delete Trim?' }).getByRole('button', { name: 'Delete Trim' }).click();
  await versions.waitFor({ state: 'detached' });
  const listed = await page.evaluate(async () => (await (await fetch('/api/v1/forge/plugins')).json()).plugins);
  assert.deepEqual(listed, []);
});
