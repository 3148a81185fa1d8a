// Import a vAIst project on /forge against the real `vaist serve` (docs/forge-vaist-import.md):
//  1. The source files of a vAIst project (forge/tests/data/vaist/trim) are picked: the panel
//     says which form it is, the C++ the server wrote goes in the editor (the user's files under
//     #line markers), and the build passes and is the current build with the project's
//     parameters.
//  2. A project that does not compile (broken_flanger): the error is listed at its line in the
//     user's file (processor.cpp line 18) and placed at its line in the editor.
//  3. A hostile file name is refused in words, before anything is built.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { openStudio, signUp } from './browser-fixture.mjs';

const PROJECTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../forge/tests/data/vaist');
const files = (name, list = ['processor.h', 'processor.cpp', 'bindings.cpp', 'descriptor.json']) => list.map((f) => path.join(PROJECTS, name, f));

let studio;
let page;
before(async () => {
  studio = await openStudio();
  page = await studio.browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${studio.origin}/forge`);
  await page.getByRole('region', { name: 'Source' }).waitFor();
  await signUp(page, 'importer');
});
after(async () => {
  await studio?.close();
});

const panel = () => page.getByRole('region', { name: 'Import a vAIst project' });
const pickFiles = (paths) => panel().getByLabel('vAIst project files').setInputFiles(paths);

test('a vAIst source project is imported: its C++ in the editor, built, the current build', async () => {
  // The folder picker picks a folder (playwright sets files on the plain picker below).
  assert.equal(await panel().getByLabel('vAIst project folder').getAttribute('webkitdirectory'), '');
  await pickFiles(files('trim'));
  await panel().getByRole('status').filter({ hasText: 'Trim was imported: it is the current build.' }).waitFor({ timeout: 120000 });
  await page.getByRole('heading', { name: 'Trim is built' }).waitFor();
  const params = await page.getByRole('list', { name: 'Trim parameters' }).getByRole('listitem').allTextContents();
  assert.deepEqual(params, ['Gain (dB)', 'Polarity']);
  assert.match(await page.getByRole('textbox', { name: 'Plugin source, C++' }).textContent(), /The vAIst Forge project "Trim", imported/);
  await page.screenshot({ path: path.join(tmpdir(), 'forge-import.png') });
});

test('a project that does not compile is shown at its line in the user\'s file', async () => {
  await pickFiles(files('broken_flanger', ['processor.h', 'processor.cpp', 'descriptor.json']));
  await page.getByRole('heading', { name: /It did not compile/ }).waitFor({ timeout: 120000 });
  const messages = await page.getByRole('list', { name: 'Compiler messages' }).textContent();
  assert.match(messages, /Line \d+, column 59 error: processor\.cpp line 18: use of undeclared identifier 'depthAmount'/);
  assert.match(await panel().getByRole('status').textContent(), /Flanger was not imported/);
});

test('a hostile file name is refused in words', async () => {
  const dir = path.join(tmpdir(), `forge-import-${process.pid}`);
  await mkdir(dir, { recursive: true });
  // A file the page sends under a name that climbs out of the folder: the server refuses it.
  await writeFile(path.join(dir, 'descriptor.json'), '{}');
  await page.route('**/api/v1/forge/imports', async (route) => {
    const body = JSON.parse(route.request().postData());
    body.files[0].name = '../../etc/descriptor.json';
    await route.continue({ postData: JSON.stringify(body) });
  });
  await pickFiles([path.join(dir, 'descriptor.json')]);
  await panel().getByRole('alert').filter({ hasText: 'must stay inside the project folder' }).waitFor();
  await page.unroute('**/api/v1/forge/imports');
});
