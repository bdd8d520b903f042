// First step of `npm start`: is the Electron binary there? The electron package's own
// loader (node_modules/electron/index.js) tries to download it when it is missing and then
// throws a stack trace; on a machine where it could not be downloaded (installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, or offline), one line says so and names the way that
// works without it. test/build/electron-check.test.ts runs this script both ways.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The binary the electron package would run, or null when it is not installed. */
export function electronBinary(projectRoot = root, env = process.env) {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  // path.txt names the executable inside dist/; the install script writes it last.
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(binary) ? binary : null;
  }
  if (!executable) return null;
  const binary = join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && !electronBinary()) {
  console.error(
    'Partner Desk cannot start here: the Electron binary is not installed (node_modules/electron/dist). Run `npm run preview` to use the app in your browser, or reinstall Electron with network access.',
  );
  process.exit(1);
}
