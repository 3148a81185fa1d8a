// The Forge (/forge) against the real `vaist serve` and its compile sandbox:
//  1. Signed out, Build says to sign in and opens the sign-in dialog; signed up, the template
//     builds, passes the conformance checks and is offered for download (its parameters listed,
//     the month's build count shown); the .wasm downloads.
//  2. A description is planned by the server's generator (the plan's knobs and notes shown, what
//     it did not understand said); the plan is edited (a knob renamed, a refused default explained,
//     a delay added at the end of the chain); its code goes into the editor and builds, with the
//     knobs as edited.
//  3. A source with an error: "It did not compile", the message names its line and column, the
//     editor marks the line, and the message's button puts the cursor there (keyboard only:
//     Ctrl+Enter builds from the editor).
//  4. axe-core finds no WCAG 2.2 A/AA violation on /forge with the failed build shown.
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

test('signed out, Build asks to sign in; signed up, the template builds, passes the checks and downloads', async () => {
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('dialog', { name: 'Sign in' }).waitFor();
  await page.keyboard.press('Escape');  // the modal dialog hid the page; now the reason shows
  await page.getByRole('alert').filter({ hasText: 'sign in (or create an account) first' }).waitFor();
  await signUp(page, 'forger');

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

test('words become a plan, edited, and its code, which builds with the knobs as edited', async () => {
  const describe = page.getByRole('region', { name: 'Describe' });
  await describe.getByLabel('Describe your plugin').fill('a warm tape saturator with a Heat knob and a 500 Hz high-pass, with a flux capacitor');
  await describe.getByRole('button', { name: 'Plan it' }).click();
  const plan = describe.getByRole('group', { name: /^Plan: / });
  await plan.waitFor();
  assert.equal(await plan.getByLabel('Name of the Heat knob').inputValue(), 'Heat');
  const defaults = await plan.getByLabel(/: default$/).evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(defaults.includes('500'), defaults.join('; '));
  assert.match(await plan.getByRole('list', { name: 'Notes from the planner' }).textContent(), /flux|capacitor/);

  // Edits: each made by the server; a refused one says why and changes nothing.
  await plan.getByLabel('Name of the Heat knob').fill('Warmth');
  await plan.getByLabel('Name of the Heat knob').press('Enter');
  await plan.getByLabel('Name of the Warmth knob').waitFor();
  await plan.getByLabel('Warmth: default').fill('1000');
  await plan.getByLabel('Warmth: default').press('Enter');
  await plan.getByRole('alert').filter({ hasText: /outside/ }).waitFor();
  assert.notEqual(await plan.getByLabel('Warmth: default').inputValue(), '1000');
  await plan.getByLabel('Kind of block to add').selectOption({ label: 'Delay' });
  await plan.getByRole('button', { name: 'Add', exact: true }).click();
  await plan.getByLabel('Name of the Feedback knob').waitFor();
  const chain = await plan.getByRole('list', { name: 'Signal chain' }).getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
  assert.deepEqual(chain.at(-1), `${chain.length}: Delay`);

  await plan.getByRole('button', { name: 'Use this code' }).click();
  // The editor draws the lines in view: its first lines are the generated file's header.
  assert.match(await editor().textContent(), /written by the WASM Studio Forge from its plan[\s\S]*not understood: 'flux capacitor'/);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const built = page.getByRole('heading', { name: /is built$/ });
  await built.waitFor({ timeout: 120000 });
  const names = await page.getByRole('list', { name: /parameters$/ }).last().getByRole('listitem').allTextContents();
  assert.ok(names.includes('Warmth (dB)') && names.includes('Feedback (%)'), names.join('; '));
});

test('a compile error is shown at its line, and its message takes the cursor there', async () => {
  await page.getByRole('button', { name: 'Start from the template' }).click();  // short: every line drawn
  await editor().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nint broken = ;\n');
  // The editor draws only the lines in view: the line-number gutter says where the cursor is.
  const cursorAt = () => page.locator('.cm-lineNumbers .cm-activeLineGutter').textContent().then(Number);
  const errorLine = (await cursorAt()) - 1;
  await page.keyboard.press('Control+Enter');  // builds from the editor
  const failed = page.getByRole('region', { name: 'Build' }).getByRole('alert');
  await failed.getByRole('heading', { name: /It did not compile: 1 error/ }).waitFor({ timeout: 120000 });
  const message = failed.getByRole('button', { name: new RegExp(`^Line ${errorLine}, column \\d+ error: expected expression`) });
  await message.waitFor();
  assert.ok(await page.locator('.cm-lintRange-error').count() >= 1, 'the editor marks the error');
  await page.keyboard.press('Control+Home');
  await message.click();
  assert.equal(await cursorAt(), errorLine);
  assert.ok(await editor().evaluate((element) => element === document.activeElement || element.contains(document.activeElement)), 'focus is in the editor');
});

test('axe finds no WCAG 2.2 A/AA violation on /forge with a failed build shown', async () => {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, []);
});
