// What the Node benchmark scripts share: the repository root (for default build paths), their
// command-line options and the process's CPU time.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The arguments after the script's name.
export const args = process.argv.slice(2);

// The value after `--name` on the command line, or `fallback`.
export function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

// User + system CPU time of this process, in microseconds.
export function cpuMicroseconds() {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

// The plugin benchmarks' selection: the .wasm files in `--plugins DIR` (default: the build's),
// only those named by `--only a,b` when given. Returns the file of each, by name, sorted.
export function selectedPlugins() {
  const dir = option('--plugins', join(repository, 'build/wasm/plugins'));
  const only = option('--only', '');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => f.slice(0, -'.wasm'.length))
    .filter((name) => only === '' || only.split(',').includes(name))
    .sort()
    .map((name) => ({ name, file: join(dir, `${name}.wasm`) }));
}
