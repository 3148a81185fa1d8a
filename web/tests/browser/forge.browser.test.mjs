// The Forge (/forge) against the real `vaist serve` and its compile sandbox:
//  1. Signed out, Build says to sign in and opens the sign-in dialog; signed up, the template
//     builds, passes the conformance checks and is offered for download (its parameters listed,
//     the month's build count shown); the .wasm downloads.
//  2. A description is planned by the server's generator (the plan's parameters and notes shown,
//     what it did not understand said), its code goes into the editor and builds, with the knob
//     the description named.
//  3. A source with an error: "It did not compile", the message names its line and column, the
//     editor marks the line, and the message's button puts the cursor there (keyboard only:
//     Ctrl+Enter builds from the editor).
//  4. axe-core finds no WCAG 2.2 A/AA violation on /forge with the failed build shown.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { openStudio } from './browser-fixture.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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

test('signed out, Build asks to sign in; signed up, the template builds, passes the checks and downloads', async () => {
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('dialog', { name: 'Sign in' }).waitFor();
  await page.keyboard.press('Escape');  // the modal dialog hid the page; now the reason shows
  await page.getByRole('alert').filter({ hasText: 'sign in (or create an account) first' }).waitFor();
  await page.getByRole('button', { name: 'Sign up' }).click();
  const signUp = page.getByRole('dialog', { name: 'Sign up' });
  await signUp.getByLabel('Username').fill('forger');
  await signUp.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await signUp.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByText('Signed in as forger').waitFor();

  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('heading', { name: 'My Plugin is built' }).waitFor({ timeout: 120000 });
  const params = await page.getByRole('list', { name: 'My Plugin parameters' }).getByRole('listitem').allTextContents();
  assert.deepEqual(params, ['Drive (dB)', 'Output (dB)']);
  assert.match(await page.getByRole('region', { name: 'Build' }).textContent(), /passed \d+ conformance checks/);
  assert.match(await page.locator('.usage').textContent(), /1 build this month \(no limit\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download user\.my-plugin\.wasm/ }).click()]);
  const bytes = await (await import('node:fs/promises')).readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module');
});

test('words become a plan and its code, which builds with the knob they named', async () => {
  const describe = page.getByRole('region', { name: 'Describe' });
  await describe.getByLabel('Describe your plugin').fill('a warm tape saturator with a Heat knob and a 500 Hz high-pass, with a flux capacitor');
  await describe.getByRole('button', { name: 'Plan it' }).click();
  const plan = describe.getByRole('group', { name: /^Plan: / });
  await plan.waitFor();
  const params = await plan.getByRole('list', { name: 'Its parameters' }).getByRole('listitem').allTextContents();
  assert.ok(params.some((p) => p.startsWith('Heat:')), params.join('; '));
  assert.ok(params.some((p) => /default 500 Hz/.test(p)), params.join('; '));
  assert.match(await plan.getByRole('list', { name: 'Notes from the planner' }).textContent(), /flux|capacitor/);
  await plan.getByRole('button', { name: 'Use this code' }).click();
  // The editor draws the lines in view: its first lines are the generated file's header.
  assert.match(await editor().textContent(), /written by the WASM Studio Forge from its plan[\s\S]*not understood: 'flux capacitor'/);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const built = page.getByRole('heading', { name: /is built$/ });
  await built.waitFor({ timeout: 120000 });
  const names = await page.getByRole('list', { name: /parameters$/ }).last().getByRole('listitem').allTextContents();
  assert.ok(names.includes('Heat (dB)'), names.join('; '));
});

test('a compile error is shown at its line, and its message takes the cursor there', async () => {
  await page.getByRole('button', { name: 'Start from the template' }).click();  // short: every line drawn
  await editor().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nint broken = ;\n');
  const errorLine = await page.evaluate(() => document.querySelectorAll('.cm-line').length - 1);
  await page.keyboard.press('Control+Enter');  // builds from the editor
  const failed = page.getByRole('region', { name: 'Build' }).getByRole('alert');
  await failed.getByRole('heading', { name: /It did not compile: 1 error/ }).waitFor({ timeout: 120000 });
  const message = failed.getByRole('button', { name: new RegExp(`^Line ${errorLine}, column \\d+ error: expected expression`) });
  await message.waitFor();
  assert.ok(await page.locator('.cm-lintRange-error').count() >= 1, 'the editor marks the error');
  await page.keyboard.press('Control+Home');
  await message.click();
  const cursorLine = await page.evaluate(() => {
    const line = document.querySelector('.cm-activeLine');
    return [...document.querySelectorAll('.cm-line')].indexOf(line) + 1;
  });
  assert.equal(cursorLine, errorLine);
  assert.ok(await editor().evaluate((element) => element === document.activeElement || element.contains(document.activeElement)), 'focus is in the editor');
});

test('axe finds no WCAG 2.2 A/AA violation on /forge with a failed build shown', async () => {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);
});
