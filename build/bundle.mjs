// Builds the three bundles Electron loads: main (Node, CJS), preload (sandboxed, CJS)
// and renderer (browser, ESM + static files). esbuild does all three in well under a second.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out');
// Production React unless asked otherwise: its development build is several times slower on long lists.
const production = process.env.NODE_ENV !== 'development';

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'renderer'), { recursive: true });

const common = { bundle: true, sourcemap: true, minify: production, logLevel: 'warning', absWorkingDir: root };

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/index.ts'],
    outfile: 'out/main/index.cjs',
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // Native and Electron-provided modules load at run time, not from the bundle. So does
    // electron-updater: loaded only when the build names an update feed (most builds do not),
    // from the installer's node_modules (a production dependency); it requires 'electron' itself.
    external: ['electron', 'keytar', 'better-sqlite3', 'electron-updater'],
    // A lazy import() becomes a lazy require(): Node's ESM loader would see only the
    // exports its lexer finds in a CommonJS package (not electron-updater's autoUpdater getter).
    supported: { 'dynamic-import': false },
  }),
  build({
    ...common,
    entryPoints: ['main/preload.ts'],
    outfile: 'out/preload/index.cjs',
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['renderer/main.tsx'],
    outfile: 'out/renderer/main.js',
    platform: 'browser',
    target: 'chrome130',
    format: 'esm',
    jsx: 'automatic',
    loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  }),
]);
cpSync(join(root, 'renderer/index.html'), join(out, 'renderer/index.html'));
// The window icon on Linux and Windows in development; installers take theirs from build/.
cpSync(join(root, 'build/icon.png'), join(out, 'icon.png'));
