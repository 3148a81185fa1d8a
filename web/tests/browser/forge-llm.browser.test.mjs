// The Forge's language model on /forge (ModelPanel.tsx) against the real `vaist serve`, its model
// a scripted OpenAI-compatible chat endpoint this test runs on 127.0.0.1 (the server finds it in
// WSTUDIO_LLM_*): signed up, the Describe step offers "Built-in planner / Model"; the model's
// generation lists its attempts (a plan, code that does not compile with what went back to the
// model, the repaired code that builds) and its code goes to the editor; then Refine goes to the
// model (shown the open plan, source and words), says so, and its code is built. The key reaches
// the endpoint as a bearer header and never the page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, openStudio, signUp } from './browser-fixture.mjs';

const KEY = 'sk-browser-test-0123456789secret';

// The answers: the offline generator's plan and the writer's code, written by `vaist forge`.
const scratch = mkdtempSync(join(tmpdir(), 'forge-llm-'));
const plan = execFileSync(env('VAIST'), ['forge', 'plan', 'a 2 kHz low-pass with a Tone knob, called Browser Tone'], { encoding: 'utf8' });
writeFileSync(join(scratch, 'plan.json'), plan);
const source = execFileSync(env('VAIST'), ['forge', 'code', join(scratch, 'plan.json')], { encoding: 'utf8' });
const broken = source.replace('WSP_PLUGIN(', 'static int broken() { return undeclared_thing; }\nWSP_PLUGIN(');
// The refinement the model answers: the offline refiner's plan for the same words, and its code.
const refinedPlan = execFileSync(env('VAIST'), ['forge', 'refine', join(scratch, 'plan.json'), 'add a mix knob'], { encoding: 'utf8' });
writeFileSync(join(scratch, 'refined.json'), refinedPlan);
const refinedSource = execFileSync(env('VAIST'), ['forge', 'code', join(scratch, 'refined.json')], { encoding: 'utf8' });
const completion = (content) => JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] });
const answers = [completion('```json\n' + plan + '```'), completion('```cpp\n' + broken + '```'), completion('```cpp\n' + source + '```')];
const requests = [];

let endpoint;
let studio;
let page;
before(async () => {
  endpoint = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      requests.push({ url: request.url, authorization: request.headers.authorization, body });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(answers.shift() ?? JSON.stringify({ error: { message: 'no answer left' } }));
    });
  });
  await new Promise((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  process.env.WSTUDIO_LLM_URL = `http://127.0.0.1:${endpoint.address().port}/v1`;
  process.env.WSTUDIO_LLM_MODEL = 'scripted-model';
  process.env.WSTUDIO_LLM_API_KEY = KEY;
  studio = await openStudio();
  page = await studio.browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${studio.origin}/forge`);
  await page.getByRole('region', { name: 'Source' }).waitFor();
});
after(async () => {
  await studio?.close();
  endpoint?.close();
});

test('the model plans, repairs its code and the built code goes to the editor, each attempt shown', async () => {
  await signUp(page, 'modeller');

  await page.getByRole('radio', { name: 'Model (scripted-model)' }).check();
  const panel = page.getByRole('region', { name: 'Describe for the model' });
  await panel.getByLabel(/Describe your plugin/).fill('a low-pass with a Tone knob');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await panel.getByRole('status').filter({ hasText: 'Done:' }).waitFor({ timeout: 120000 });
  const attempts = await panel.getByRole('list', { name: 'Attempts' }).locator(':scope > li').allTextContents();
  assert.equal(attempts.length, 3, attempts.join('\n'));
  assert.match(attempts[0], /^Plan, attempt 1 of 3: succeeded/);
  assert.match(attempts[1], /^Code, attempt 1 of 3: failed/);
  assert.match(attempts[1], /plugin\.cpp:\d+:\d+: error: use of undeclared identifier 'undeclared_thing'/);
  assert.match(attempts[2], /^Code, attempt 2 of 3: succeeded/);
  await page.screenshot({ path: join(scratch, 'forge-llm.png') });

  await panel.getByRole('button', { name: 'Use this code' }).click();
  await page.getByRole('textbox', { name: 'Plugin source, C++' }).filter({ hasText: 'Browser Tone' }).first().waitFor();

  assert.equal(requests.length, 3);
  for (const r of requests) {
    assert.equal(r.url, '/v1/chat/completions');
    assert.equal(r.authorization, `Bearer ${KEY}`);
  }
  assert.match(requests[2].body, /plugin\.cpp:/, 'the diagnostics went back to the model');
  assert.equal((await page.content()).includes(KEY), false);
});

test('Refine goes to the model, which is shown the open plan and source, and the page says which refiner it was', async () => {
  answers.push(completion('```json\n' + refinedPlan + '```'), completion('```cpp\n' + refinedSource + '```'));
  const panel = page.getByRole('region', { name: 'Refine and keep' });
  await panel.getByLabel('Tell the Forge what to change').fill('add a mix knob');
  await panel.getByRole('button', { name: 'Refine' }).click();
  const chat = panel.getByRole('list', { name: 'Refinements' });
  await chat.getByText('Built. Keep the plugin to record its versions.').waitFor({ timeout: 120000 });
  await chat.getByText('Refined by the model').waitFor();
  await chat.getByText(/added the Mix knob/).waitFor();
  await page.getByRole('textbox', { name: 'Plugin source, C++' }).filter({ hasText: 'Mix' }).first().waitFor();
  await page.screenshot({ path: join(scratch, 'forge-llm-refine.png') });

  assert.equal(requests.length, 5);
  assert.match(requests[3].body, /add a mix knob/);
  assert.match(requests[3].body, /Browser Tone/, 'the open plan went to the model');
  assert.match(requests[4].body, /Its current source/, 'the open source went to the model');
  assert.equal((await page.content()).includes(KEY), false);
});
