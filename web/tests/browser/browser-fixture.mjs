// What the browser tests share: the real `vaist serve` on 127.0.0.1 (a free port) serving a copy
// of the built app, and Debian's Chromium, headless, driven by playwright-core. ctest sets the
// environment (web/CMakeLists.txt).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (ctest does)`);
  return value;
};

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // A real-time AudioContext may start without a click (the live tests play without one).
  '--autoplay-policy=no-user-gesture-required'];

// `vaist serve` of `webRoot` on a free port of 127.0.0.1: { child, origin }.
export function startServer(webRoot, dataDir, vaist = env('VAIST')) {
  // Its access log (stderr) is left out: a failure shows in the browser and the assertions.
  const child = spawn(vaist, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--web', webRoot],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /running on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve({ child, origin: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`vaist serve exited (${code}) before listening: ${output}`)));
  });
}

// Headless Chromium with a profile of its own in `profileDir`.
export function launchChromium(profileDir, executablePath = env('CHROMIUM')) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 720 },
  });
}

// A work folder with the built app (`webDist`) copied to `web/` (`prepare(webRoot)` adds files
// before the server starts), the server and the browser. close() stops them and removes the
// folder.
export async function openStudio(prepare = () => {}, { webDist = env('WEB_DIST'), vaist, chromium: executable } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'web-browser-'));
  const webRoot = join(work, 'web');
  cpSync(webDist, webRoot, { recursive: true });
  await prepare(webRoot, work);
  const { child: server, origin } = await startServer(webRoot, join(work, 'data'), vaist);
  const browser = await launchChromium(join(work, 'profile'), executable);
  return {
    work, webRoot, origin, browser,
    async close() {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.on('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      // Retried: Chromium's helpers may write into the profile for a moment after it closed.
      rmSync(work, { recursive: true, force: true, maxRetries: 25, retryDelay: 200 });
    },
  };
}

// A Float32Array from the base64 of its bytes (what a page hands back through evaluate()).
export const floats = (base64) => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

// Adds a plugin from a strip's "+ Insert…" menu (`scope`: the page or a strip), as a user does:
// the button opens the menu, the plugin's item is chosen.
export async function addInsert(scope, menuName, pluginName) {
  await scope.getByRole('button', { name: menuName, exact: true }).click();
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  await page.getByRole('menuitem', { name: pluginName, exact: true }).click();
}

// The vAIst fixture "Warm Drive" (already uploaded or listed) added to the Keys strip from its
// menu and its Drive typed to 60%, as a user does; resolves with its window once the slider says
// so (plugins and uploads tests).
export async function warmDriveOnKeysAt60(page, keys) {
  await addInsert(keys, 'Add an insert to Keys', 'Warm Drive');
  const window = page.getByRole('dialog', { name: 'Warm Drive on Keys' });
  await window.waitFor();
  await window.getByRole('textbox', { name: 'Drive value' }).fill('60%');
  await window.getByRole('textbox', { name: 'Drive value' }).press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('[role="dialog"] [role="slider"]')].find((s) => s.getAttribute('aria-label') === 'Drive')?.getAttribute('aria-valuetext') === '60.0 %');
  return window;
}

// Signs a new account up through the header's Sign up dialog, as a user does, and waits until the
// header says so.
export async function signUp(page, username, password = 'correct horse battery') {
  await page.getByRole('button', { name: 'Sign up' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign up' });
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByText(`Signed in as ${username}`).waitFor();
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// axe-core's WCAG 2.2 A and AA violations on the page (or inside `selector`), each as
// "rule: the elements' selectors".
export async function axeViolations(page, selector = null) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async ([include, tags]) => {
    const result = await window.axe.run(include ?? document, { runOnly: tags });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, [selector, WCAG_22_AA]);
}
