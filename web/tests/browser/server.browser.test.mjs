// Accounts and server sessions in the studio (web/src/main/server/), in Debian's Chromium against
// the real `vaist serve` on 127.0.0.1:
//  1. Sign up from the header by keyboard only (the dialog takes focus, Enter submits); sign out;
//     a wrong password is announced and leaves the password field invalid and focused; the right
//     one signs in.
//  2. Save to server puts the demo session there: its audio uploaded (each file the session names,
//     by sha256, with a progress bar saying which), the document naming it by sha256, the page's
//     address /studio/<id>. Reloading that address opens the session from the server (audio from
//     the browser's assets table, kept there).
//  3. A second writer (bob, an editor it is shared with, through the API) saves a new revision: the
//     events socket's announcement opens the conflict dialog naming the revision and bob. "Save
//     mine as a copy" makes a new server session with the page's version; bob's stays in the
//     first. Another save of the copy through the API, "Decide later", then Save: the 409 opens the
//     dialog again; "Reload the server's version" opens the server's version, and the page's version
//     is a local session in IndexedDB. No version is lost (checked on the server and locally).
//  4. The server sessions list shows both, downloads a document as JSON and as a project file
//     (its audio from the server) that `vaist render` renders, opens one.
//  5. An adversary (mallory, in a browser profile of her own) cannot open alice's session (the
//     page says why and offers to sign in as its owner), and the server refuses her reads and
//     writes of it (404); a viewer's Save makes a copy of her own (the button says so), and her
//     PUT to the original is refused (403), which stays as it was.
//  6. A server session whose audio is nowhere says why it does not open and downloads its document.
//  7. Signed out, a private session's address says to sign in; signing in as its owner opens it.
//  8. The server sessions list (45 sessions: virtualised) renames a session; one saved elsewhere
//     since the list was loaded is said so, nothing written, and renamed on its current revision
//     when asked; it duplicates one as "<name> (copy)"; a viewer's Rename and Delete say why not.
// axe-core finds no WCAG 2.2 A/AA violation in the sign-in dialog (showing an error), the conflict
// dialog, the server sessions dialog and the header.
// A screenshot of the conflict dialog goes to $WEB_ARTIFACTS/studio-conflict.png.
// ctest sets VAIST, WEB_DIST, CHROMIUM, WEB_ARTIFACTS.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';

import { env, launchChromium, openStudio } from './browser-fixture.mjs';

// axe-core's WCAG 2.2 A/AA rules on the part of the page `selector` names: its violations.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
async function accessibilityViolations(page, selector) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  // Dialogs fade in (Motion): judged once fully opaque.
  await page.waitForFunction(() => [...document.querySelectorAll('.dialog, .dialog-overlay')].every((e) => getComputedStyle(e).opacity === '1'));
  return page.evaluate(async (selector) => {
    const result = await window.axe.run(selector, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

let studio;
before(async () => {
  studio = await openStudio();
});
after(async () => {
  await studio?.close();
});

// A user of the API from the test (a second writer, an adversary): their cookie and CSRF token.
async function apiUser(origin, username, password, { register = true } = {}) {
  const response = await fetch(`${origin}/api/v1/auth/${register ? 'register' : 'login'}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  assert.ok(response.ok, `${username}: ${response.status} ${await response.clone().text()}`);
  const { user, csrfToken } = await response.json();
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const call = async (method, path, body) => {
    const answer = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? JSON.parse(text) : null };
  };
  return { user, call };
}

const sessionIdOf = (page) => decodeURIComponent(new URL(page.url()).pathname.slice('/studio/'.length));

async function studioReady(page) {
  await page.getByRole('button', { name: /^Save (a copy )?to server$/ }).waitFor({ timeout: 30000 });
}

// The rows of the studio's IndexedDB sessions table.
const localSessions = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('wasm-studio');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction('sessions').objectStore('sessions').getAll();
    all.onsuccess = () => resolve(all.result);
    all.onerror = () => reject(all.error);
  };
}));
const localAssetKeys = (page) => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('wasm-studio');
  open.onsuccess = () => {
    const keys = open.result.transaction('assets').objectStore('assets').getAllKeys();
    keys.onsuccess = () => resolve(keys.result);
  };
}));

let page;
let firstId;
let copyId;
// The page's asset uploads (POST /api/v1/assets) so far, and its uncaught errors (none after
// each test).
const uploads = [];
const pageErrors = [];
afterEach(() => {
  assert.deepEqual(pageErrors.splice(0), []);
});

// The tempo the transport bar shows (its typed-value field).
async function tempoIs(page, bpm) {
  await page.waitForFunction((bpm) => document.querySelector('input[aria-label="Tempo in bpm"]')?.value === bpm, bpm, { timeout: 30000 });
}

test('sign up by keyboard, sign out, a wrong password is announced, sign in', async () => {
  page = await studio.browser.newPage();
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/assets') uploads.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${studio.origin}/studio`);
  const account = page.getByRole('group', { name: 'Account' });
  await account.getByRole('button', { name: 'Sign up' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Sign up' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'username');
  await page.keyboard.type('alice');
  await page.keyboard.press('Tab');
  await page.keyboard.type('short');  // the server's rule, said in the dialog
  await page.keyboard.press('Enter');
  await dialog.getByRole('alert').filter({ hasText: 'The password must be at least 8 characters long. Correct it and try again.' }).waitFor();
  assert.equal(await dialog.getByLabel('Password').getAttribute('aria-invalid'), 'true');
  await dialog.getByLabel('Password').fill('correct horse battery');
  await page.keyboard.press('Enter');
  await account.getByText('Signed in as alice').waitFor();
  assert.equal(await dialog.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.account') !== null), true, 'focus stays in the account controls');

  await account.getByRole('button', { name: 'Sign out' }).click();
  await account.getByRole('button', { name: 'Sign in' }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in' });
  await signIn.getByLabel('Username').fill('alice');
  await signIn.getByLabel('Password').fill('wrong horse battery');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await signIn.getByRole('alert').filter({ hasText: 'Wrong username or password. Check both (passwords are case-sensitive) and try again.' }).waitFor();
  assert.equal(await signIn.getByLabel('Password').getAttribute('aria-invalid'), 'true');
  assert.equal(await signIn.getByLabel('Password').inputValue(), '');
  assert.deepEqual(await accessibilityViolations(page, '.account-dialog'), []);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  await account.getByText('Signed in as alice').waitFor();
});

test('save the demo session to the server; reload its address and find it', async () => {
  await studioReady(page);
  // The first upload is held until the progress bar has said what is going on.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/v1/assets', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Save to server' }).click();
  const progress = page.getByRole('progressbar', { name: 'Saving to the server' });
  await progress.and(page.locator('[aria-valuetext^="Uploading "]')).waitFor();  // after preparing and checking
  assert.match(await progress.getAttribute('aria-valuetext'), /^Uploading (drums\.wav|bass\.wav|keys\.flac) \(file 1 of 3\), \d+%$/);
  assert.equal(await page.getByRole('button', { name: 'Save to server' }).isDisabled(), true, 'one save at a time');
  release();
  await page.getByRole('status').filter({ hasText: /^Saved as “Demo session” at .+\.$/ }).waitFor({ timeout: 30000 });
  await page.unroute('**/api/v1/assets');
  assert.equal(await progress.count(), 0);
  firstId = sessionIdOf(page);
  assert.match(firstId, /^[0-9a-f]+$/);

  const alice = await apiUser(studio.origin, 'alice', 'correct horse battery', { register: false });
  const stored = await alice.call('GET', `/sessions/${firstId}`);
  assert.equal(stored.status, 200);
  assert.equal(stored.body.revision, 1);
  const sources = stored.body.document.tracks.flatMap((t) => (t.clips ?? []).flatMap((c) => (c.source ? [c.source] : [])));
  const demo = JSON.parse(readFileSync(env('DEMO_SESSION'), 'utf8'));
  assert.equal(sources.length, demo.tracks.flatMap((t) => (t.clips ?? []).filter((c) => c.source)).length);
  const hashes = [...new Set(sources.map((s) => s.sha256))];
  assert.equal(hashes.length, 3, 'drums, bass and keys, each by its sha256');
  assert.equal(uploads.length, 3, 'each file uploaded once');
  for (const sha256 of hashes) {
    const asset = await fetch(`${studio.origin}/api/v1/assets/${sha256}`, { method: 'HEAD' });
    assert.equal(asset.status, 404, 'a private upload is not public');
    assert.equal((await alice.call('HEAD', `/assets/${sha256}`)).status, 200, 'but alice has it');
  }
  for (const source of sources) {
    const path = join(env('DEMO_SESSION'), '..', source.path);
    assert.equal(createHash('sha256').update(readFileSync(path)).digest('hex'), source.sha256, `${source.path} uploaded as its bytes`);
  }

  await page.reload();
  await studioReady(page);
  assert.equal(await page.locator('.server-save-state').textContent(), 'Server revision 1');
  await page.getByRole('group', { name: 'Drums', exact: true }).waitFor();
  assert.deepEqual((await localAssetKeys(page)).sort(), hashes.sort());
  const linked = (await localSessions(page)).filter((s) => s.server?.id === firstId);
  assert.equal(linked.length, 1);
  assert.equal(linked[0].server.revision, 1);
});

test('a second writer\'s save: the dialog says so; save mine as a copy, then reload the server\'s version; nothing is lost', async () => {
  const alice = await apiUser(studio.origin, 'alice', 'correct horse battery', { register: false });
  const bob = await apiUser(studio.origin, 'bob', 'bobs password!');
  assert.equal((await alice.call('PUT', `/sessions/${firstId}/shares/${bob.user.id}`, { role: 'editor' })).status, 200);
  const original = (await bob.call('GET', `/sessions/${firstId}`)).body;
  const bobs = { ...original.document, tempo: 100 };
  assert.equal((await bob.call('PUT', `/sessions/${firstId}`, { revision: 1, document: bobs })).status, 200);

  const conflict = page.getByRole('alertdialog', { name: 'Someone else saved this session' });
  await conflict.waitFor({ timeout: 15000 });
  await conflict.getByText(/^Revision 2 of this session was just saved on the server by bob at .+; your copy is based on revision 1\./).waitFor();
  assert.deepEqual(await accessibilityViolations(page, '.conflict-dialog'), []);
  mkdirSync(env('WEB_ARTIFACTS'), { recursive: true });
  await page.screenshot({ path: join(env('WEB_ARTIFACTS'), 'studio-conflict.png') });

  // Choice 2: mine as a new server session.
  await conflict.getByRole('button', { name: 'Save mine as a copy' }).click();
  await page.getByRole('status').filter({ hasText: 'Your version is now the server session “Demo session (copy)”; the other stays in the one you had open (revision 2).' }).waitFor({ timeout: 15000 });
  await conflict.waitFor({ state: 'detached' });  // once it has faded out
  copyId = sessionIdOf(page);
  assert.notEqual(copyId, firstId);
  const first = (await alice.call('GET', `/sessions/${firstId}`)).body;
  const copy = (await alice.call('GET', `/sessions/${copyId}`)).body;
  assert.equal(first.revision, 2);
  assert.equal(first.document.tempo, 100, 'bob\'s version stays');
  assert.equal(copy.revision, 1);
  assert.equal(copy.document.tempo, 120, 'mine is the copy');

  // Another window saves the copy; the page is told, the musician decides later, then saves: 409.
  assert.equal((await alice.call('PUT', `/sessions/${copyId}`, { revision: 1, document: { ...copy.document, tempo: 90 } })).status, 200);
  await conflict.waitFor({ timeout: 15000 });
  await conflict.getByText(/^Revision 2 of this session was just saved on the server by you \(alice, in another window\)/).waitFor();
  await conflict.getByRole('button', { name: 'Decide later' }).click();
  await conflict.waitFor({ state: 'detached' });  // once it has faded out
  await page.getByRole('alert').filter({ hasText: 'Your copy is older than the server\'s: a save will ask again how to go on.' }).waitFor();
  await page.getByRole('button', { name: 'Save to server' }).click();
  await conflict.getByText(/^Your save was not made: revision 2 of this session was saved on the server by you \(alice, in another window\) at .+, after revision 1 that your copy is based on\./).waitFor({ timeout: 15000 });
  assert.equal((await alice.call('GET', `/sessions/${copyId}`)).body.document.tempo, 90, 'the 409 overwrote nothing');
  assert.equal(uploads.length, 3, 'audio the server has is not uploaded again');

  // Choice 1: the server's version; mine kept locally first.
  await conflict.getByRole('button', { name: 'Reload the server\'s version' }).click();
  // The page loads again (the same address): the notice is the new page's.
  await page.getByRole('status').filter({ hasText: /^Reloaded revision 2 from the server\. Your version was kept in this browser as the local session “Demo session \(my version, .+\)”\.$/ }).waitFor({ timeout: 30000 });
  assert.equal(sessionIdOf(page), copyId);
  await studioReady(page);
  assert.equal(await page.locator('.server-save-state').textContent(), 'Server revision 2');
  await tempoIs(page, '90');
  const locals = await localSessions(page);
  const mine = locals.filter((s) => s.name.startsWith('Demo session (my version, '));
  assert.equal(mine.length, 1, 'one local copy of my version');
  assert.equal(JSON.parse(mine[0].document).tempo, 120);
  assert.equal(mine[0].server, undefined);
  const linked = locals.find((s) => s.server?.id === copyId);
  assert.deepEqual(linked.server, { id: copyId, revision: 2 });
  assert.equal(JSON.parse(linked.document).tempo, 90);
});

test('the server sessions list: both sessions, a document downloaded as JSON, one opened', async () => {
  await page.getByRole('button', { name: 'Server sessions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your sessions on the server' });
  const rows = dialog.getByRole('list', { name: 'Your server sessions' }).getByRole('listitem');
  await rows.first().waitFor();
  assert.deepEqual(await accessibilityViolations(page, '.server-sessions-dialog'), []);
  assert.deepEqual(await accessibilityViolations(page, '.top-bar'), []);
  const names = await rows.locator('.session-row-name').evaluateAll((spans) => spans.map((span) => span.firstChild.textContent));
  assert.deepEqual(names.sort(), ['Demo session', 'Demo session (copy)']);
  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download Demo session as JSON' }).click();
  const file = await downloaded;
  assert.equal(file.suggestedFilename(), 'Demo session.session.json');
  assert.equal(JSON.parse(readFileSync(await file.path(), 'utf8')).tempo, 100);
  // And as a project file with its audio (from the server), which vaist render renders.
  const projectDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download Demo session as a project file' }).click();
  const project = await projectDownload;
  assert.equal(project.suggestedFilename(), 'Demo session.wstudio.zip');
  const projectPath = join(studio.work, 'server-demo.wstudio.zip');
  await project.saveAs(projectPath);
  const rendered = spawnSync(env('VAIST'), ['render', projectPath, '-o', join(studio.work, 'server-demo.wav')], { encoding: 'utf8' });
  assert.equal(rendered.status, 0, rendered.stderr);
  await dialog.getByRole('button', { name: 'Open Demo session', exact: true }).click();
  await page.waitForURL(`${studio.origin}/studio/${firstId}`);
  await studioReady(page);
  await tempoIs(page, '100');
});

test('another user cannot open or overwrite alice\'s session: the page says why, the server refuses', async () => {
  const alice = await apiUser(studio.origin, 'alice', 'correct horse battery', { register: false });
  const mallory = await apiUser(studio.origin, 'mallory', 'mallorys password');
  // The server: a private session is as good as absent to her.
  assert.equal((await mallory.call('GET', `/sessions/${copyId}`)).status, 404);
  const before = (await alice.call('GET', `/sessions/${copyId}`)).body;
  assert.equal((await mallory.call('PUT', `/sessions/${copyId}`, { revision: before.revision, document: { ...before.document, tempo: 60 } })).status, 404);
  assert.equal((await mallory.call('DELETE', `/sessions/${copyId}`)).status, 404);
  assert.deepEqual((await mallory.call('GET', '/sessions')).body.sessions, []);

  // Her browser.
  const profile = join(studio.work, 'mallory-profile');
  const browser = await launchChromium(profile);
  try {
    const hers = await browser.newPage();
    await hers.goto(`${studio.origin}/studio`);
    await hers.getByRole('button', { name: 'Sign in' }).click();
    const signIn = hers.getByRole('dialog', { name: 'Sign in' });
    await signIn.getByLabel('Username').fill('mallory');
    await signIn.getByLabel('Password').fill('mallorys password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await hers.getByText('Signed in as mallory').waitFor();
    await hers.goto(`${studio.origin}/studio/${copyId}`);
    await hers.getByRole('alert').filter({ hasText: 'The session could not be opened from the server: it does not exist, or your account may not open it. If it is yours, sign in with the account that saved it.' }).waitFor({ timeout: 15000 });
    await hers.getByText('You are signed in, so this session is not yours or was deleted.').waitFor();
    assert.equal(await hers.getByRole('button', { name: /^Save/ }).count(), 0);

    // Shared with her to view: she opens it, the button saves a copy of her own, her PUT is refused.
    assert.equal((await alice.call('PUT', `/sessions/${copyId}/shares/${mallory.user.id}`, { role: 'viewer' })).status, 200);
    await hers.reload();
    await studioReady(hers);
    assert.equal((await mallory.call('PUT', `/sessions/${copyId}`, { revision: before.revision, document: { ...before.document, tempo: 60 } })).status, 403);
    await hers.getByRole('button', { name: 'Save a copy to server' }).click();
    await hers.getByRole('status').filter({ hasText: /^Saved as “Demo session \(copy\) \(copy\)” at / }).waitFor({ timeout: 15000 });
    assert.notEqual(sessionIdOf(hers), copyId);
    const after = (await alice.call('GET', `/sessions/${copyId}`)).body;
    assert.equal(after.revision, before.revision);
    assert.deepEqual(after.document, before.document);
  } finally {
    await browser.close();
  }
});

test('a server session that does not open here says why and still downloads its document', async () => {
  const alice = await apiUser(studio.origin, 'alice', 'correct horse battery', { register: false });
  const demo = JSON.parse(readFileSync(env('DEMO_SESSION'), 'utf8'));
  // Valid for the server, but its audio is on no server and in no browser.
  const missing = 'e'.repeat(64);
  const document = { ...demo, tracks: demo.tracks.map((t) => ({ ...t, clips: (t.clips ?? []).map((c) => (c.source ? { ...c, source: { sha256: missing } } : c)) })) };
  const created = await alice.call('POST', '/sessions', { name: 'Lost audio', document });
  assert.equal(created.status, 201);
  await page.goto(`${studio.origin}/studio/${created.body.id}`);
  await page.getByRole('alert').filter({ hasText: /^The session “Lost audio” was read from the server but does not open here: An audio file of the session \(sha256 eeeeeeeeeeee…\) is not stored in this browser, and the server does not have it or your account may not read it\. Sign in as the session's owner, or ask them to save it again with its audio\. Download its document to keep it\.$/ }).waitFor({ timeout: 30000 });
  const downloaded = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Download its document/ }).click();
  const file = await downloaded;
  assert.equal(file.suggestedFilename(), 'Lost audio.session.json');
  assert.deepEqual(JSON.parse(readFileSync(await file.path(), 'utf8')), created.body.document);
});

test('signed out, a private session asks to sign in; signing in as its owner opens it', async () => {
  await page.goto(`${studio.origin}/studio/${firstId}`);
  await studioReady(page);
  await page.getByRole('group', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'The session could not be opened from the server: it does not exist, or your account may not open it. If it is yours, sign in with the account that saved it.' }).waitFor({ timeout: 15000 });
  await page.locator('.open-failure').getByRole('button', { name: 'Sign in' }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in' });
  await signIn.getByLabel('Username').fill('alice');
  await signIn.getByLabel('Password').fill('correct horse battery');
  await page.keyboard.press('Enter');
  await studioReady(page);  // opened again once signed in
  assert.equal(sessionIdOf(page), firstId);
  await tempoIs(page, '100');
});

test('server sessions: renamed (a conflict said, then retried on the current revision), duplicated; a viewer told why not; the list virtualised', async () => {
  const alice = await apiUser(studio.origin, 'alice', 'correct horse battery', { register: false });
  const bob = await apiUser(studio.origin, 'bob', 'bobs password!', { register: false });
  const { document } = (await alice.call('GET', `/sessions/${firstId}`)).body;
  // The session open in the studio, renamed from the list: the studio's header takes the name,
  // and its next save is no conflict (the rename was its own).
  await page.getByRole('button', { name: 'Server sessions' }).click();
  const openRow = page.getByRole('dialog', { name: 'Your sessions on the server' }).locator('.session-row.current');
  const openName = await openRow.locator('.session-row-name').evaluate((span) => span.firstChild.textContent);
  await openRow.getByRole('button', { name: `Rename ${openName}`, exact: true }).click();
  await openRow.getByRole('textbox', { name: `New name for ${openName}` }).fill('Renamed while open');
  await openRow.getByRole('textbox', { name: `New name for ${openName}` }).press('Enter');
  await page.locator('.server-sessions-message').filter({ hasText: /to “Renamed while open” on the server/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.session-name').filter({ hasText: /^Renamed while open$/ }).waitFor();
  for (let i = 1; i <= 40; ++i) assert.equal((await alice.call('POST', '/sessions', { name: `Sketch ${i}`, document })).status, 201);
  const riff = (await alice.call('POST', '/sessions', { name: 'Riff', document })).body;
  const bobs = (await bob.call('POST', '/sessions', { name: 'Bobs tune', document })).body;
  assert.equal((await bob.call('PUT', `/sessions/${bobs.id}/shares/${alice.user.id}`, { role: 'viewer' })).status, 200);

  await page.getByRole('button', { name: 'Server sessions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your sessions on the server' });
  const list = dialog.getByRole('list', { name: 'Your server sessions' });
  await list.getByRole('listitem', { name: 'Riff' }).waitFor();
  // 45 sessions, only those in view (and a few around) in the DOM.
  const inDom = await list.getByRole('listitem').count();
  assert.ok(inDom < 30, `${inDom} rows in the DOM`);
  const status = dialog.locator('.server-sessions-message');

  // A viewer's Rename and Delete: reachable, marked disabled, the reason in their description.
  const bobsRename = dialog.getByRole('button', { name: 'Rename Bobs tune' });
  assert.equal(await bobsRename.getAttribute('aria-disabled'), 'true');
  assert.equal(await bobsRename.getAttribute('title'), 'Shared with you to view: only its owner and its editors may rename it.');
  await bobsRename.focus();  // by keyboard: Playwright would not click what says it is disabled
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'Shared with you to view: only its owner and its editors may rename it.' }).waitFor();
  assert.equal(await dialog.getByRole('textbox', { name: 'New name for Bobs tune' }).count(), 0);
  assert.equal(await dialog.getByRole('button', { name: 'Delete Bobs tune' }).getAttribute('aria-disabled'), 'true');

  // Saved elsewhere after the list was loaded: the rename says so and writes nothing.
  const elsewhere = { ...document, tempo: 133 };
  assert.equal((await alice.call('PUT', `/sessions/${riff.id}`, { revision: 1, document: elsewhere })).status, 200);
  await dialog.getByRole('button', { name: 'Rename Riff' }).focus();
  await page.keyboard.press('Enter');
  const field = dialog.getByRole('textbox', { name: 'New name for Riff' });
  await field.waitFor();
  await page.keyboard.press('Escape');  // cancels the rename, not the dialog
  await dialog.getByRole('button', { name: 'Rename Riff' }).waitFor();
  assert.equal(await field.count(), 0);
  await dialog.getByRole('button', { name: 'Rename Riff' }).click();
  await field.fill('Groove');
  await field.press('Enter');
  await dialog.getByRole('alert').filter({ hasText: '“Riff” was changed on the server since this list was loaded: it is at revision 2 now, not 1. Nothing was renamed.' }).waitFor();
  assert.deepEqual(await accessibilityViolations(page, '.server-sessions-dialog'), []);
  await page.screenshot({ path: join(env('WEB_ARTIFACTS'), 'studio-server-rename-conflict.png') });
  let stored = (await alice.call('GET', `/sessions/${riff.id}`)).body;
  assert.deepEqual([stored.name, stored.revision, stored.document.tempo], ['Riff', 2, 133]);
  // Retried on the revision there now: renamed, the other save's document kept.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Rename revision 2');
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'Renamed “Riff” to “Groove” on the server (revision 3).' }).waitFor();
  await list.getByRole('listitem', { name: 'Groove' }).waitFor();
  stored = (await alice.call('GET', `/sessions/${riff.id}`)).body;
  assert.deepEqual([stored.name, stored.revision, stored.document.tempo], ['Groove', 3, 133]);

  // Duplicated: a new session of alice's with the same document.
  await dialog.getByRole('button', { name: 'Duplicate Groove' }).click();
  await status.filter({ hasText: 'Duplicated “Groove” on the server as “Groove (copy)”.' }).waitFor();
  const sessions = (await alice.call('GET', '/sessions')).body.sessions;
  const copy = sessions.find((s) => s.name === 'Groove (copy)');
  assert.equal(copy.role, 'owner');
  assert.notEqual(copy.id, riff.id);
  assert.deepEqual((await alice.call('GET', `/sessions/${copy.id}`)).body.document, stored.document);
  assert.deepEqual(await accessibilityViolations(page, '.server-sessions-dialog'), []);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});
