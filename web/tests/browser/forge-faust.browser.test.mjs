// The Forge's Faust language on /forge against the real `vaist serve`:
//  1. Choosing Faust opens the Faust template in the editor (the C++ draft is kept); signed up,
//     it builds in the server's sandbox (Faust, then clang, then the conformance checks) and its
//     sliders are the plugin's parameters, with their units.
//  2. A Faust error is shown at its line, and its message takes the cursor there; switching back
//     to C++ finds the C++ draft as it was.
//  3. axe-core finds no WCAG 2.2 A/AA violation with the language choice on the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { axeViolations, openStudio, signUp } from './browser-fixture.mjs';


let studio;
let page;
before(async () => {
  studio = await openStudio();
  page = await studio.browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${studio.origin}/forge`);
  await page.getByRole('region', { name: 'Source' }).waitFor();
});
after(async () => {
  await studio?.close();
});

const languages = () => page.getByRole('radiogroup', { name: 'Source language' });

test('Faust: the template builds and its sliders are the parameters', async () => {
  await languages().getByRole('radio', { name: 'Faust' }).check();
  const editor = page.getByRole('textbox', { name: 'Plugin source, Faust' });
  assert.match(await editor.textContent(), /import\("stdfaust\.lib"\);/);
  await page.getByRole('heading', { name: 'Plugin source (Faust)' }).waitFor();

  await signUp(page, 'fauster');

  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('heading', { name: 'My Faust Filter is built' }).waitFor({ timeout: 120000 });
  const params = await page.getByRole('list', { name: 'My Faust Filter parameters' }).getByRole('listitem').allTextContents();
  assert.deepEqual(params.sort(), ['Cutoff (Hz)', 'Drive (dB)', 'Output (dB)']);
});

test('a Faust error is shown at its line; C++ keeps its own draft', async () => {
  const editor = page.getByRole('textbox', { name: 'Plugin source, Faust' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nbroken = ;\n');
  const errorLine = await page.evaluate(() => document.querySelectorAll('.cm-line').length - 1);
  await page.keyboard.press('Control+Enter');  // builds from the editor
  const failed = page.getByRole('region', { name: 'Build' }).getByRole('alert');
  await failed.getByRole('heading', { name: /It did not compile: 1 error/ }).waitFor({ timeout: 120000 });
  const message = failed.getByRole('button', { name: new RegExp(`^Line ${errorLine} error: syntax error`) });
  await message.waitFor();
  assert.ok(await page.locator('.cm-lintRange-error').count() >= 1, 'the editor marks the error');
  await page.keyboard.press('Control+Home');
  await message.click();
  const cursorLine = await page.evaluate(() => {
    const line = document.querySelector('.cm-activeLine');
    return [...document.querySelectorAll('.cm-line')].indexOf(line) + 1;
  });
  assert.equal(cursorLine, errorLine);

  await languages().getByRole('radio', { name: 'C++' }).check();
  const cpp = page.getByRole('textbox', { name: 'Plugin source, C++' });
  assert.match(await cpp.textContent(), /#include <wsp\/sdk\.hpp>/);
  await languages().getByRole('radio', { name: 'Faust' }).check();
  assert.match(await page.getByRole('textbox', { name: 'Plugin source, Faust' }).textContent(), /broken = ;/);
});

test('axe finds no WCAG 2.2 A/AA violation on /forge with the language choice', async () => {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, []);
});
