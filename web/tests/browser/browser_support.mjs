// Shared by the browser tests: the environment ctest sets, the real `vaist serve` on a free
// loopback port, headless Chromium (Debian's, driven by playwright-core) and moving rendered
// samples out of the page.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (ctest does)`);
  return value;
};

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// `vaist serve` on 127.0.0.1:0 serving `webRoot`: { child, origin } once it listens.
export function startServer(webRoot, dataDir) {
  // Its access log (stderr) is left out: a failure shows in the browser and the assertions.
  const child = spawn(env('VAIST'), ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--web', webRoot],
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

export async function stopServer(server) {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}

export function launchBrowser(work) {
  return chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: env('CHROMIUM'), headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 720 },
  });
}

// A Float32Array from the base64 of its bytes (what a page hands back through evaluate()).
export const floats = (base64) => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};
