// What the Node benchmark scripts share: the repository root (for default build paths), their
// command-line options and the process's CPU time.
import { dirname, resolve } from 'node:path';
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
