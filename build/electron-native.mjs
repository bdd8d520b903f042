// better-sqlite3 12 is compiled against Node's ABI, which the tests run on; Electron embeds
// another Node (Electron 45: Node 22) and cannot load that build. `npm start` therefore keeps
// a second copy built for the installed Electron, under node_modules/.cache, and tells main
// where it is (out/main/native-modules.json). Installers get theirs from electron-builder's
// npmRebuild instead. Built once per Electron version: later starts find it and return at once.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

export function electronNativePaths({ electronVersion, platform = process.platform, arch = process.arch }) {
  const dir = join(
    root,
    'node_modules',
    '.cache',
    'partner-desk',
    `better-sqlite3-electron-${electronVersion}-${platform}-${arch}`,
  );
  return { dir, binding: join(dir, 'build', 'Release', 'better_sqlite3.node') };
}

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env }).status === 0;
}

export function ensureElectronSqlite() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const { dir, binding } = electronNativePaths({ electronVersion });
  if (!existsSync(binding)) {
    console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    const source = dirname(require.resolve('better-sqlite3/package.json'));
    cpSync(source, dir, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
    const target = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
    // The project's prebuilt module for this Electron when one is published; otherwise a build against its headers.
    const fetched = run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...target], dir);
    const built =
      fetched ||
      run(
        process.execPath,
        [
          process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js'),
          'rebuild',
          '--release',
          ...target,
          '--dist-url=https://electronjs.org/headers',
        ],
        dir,
      );
    if (!built || !existsSync(binding)) {
      console.error(
        'Could not build better-sqlite3 for Electron: see the messages above (a network connection is needed once).',
      );
      process.exit(1);
    }
  }
  mkdirSync(join(root, 'out', 'main'), { recursive: true });
  writeFileSync(join(root, 'out', 'main', 'native-modules.json'), `${JSON.stringify({ betterSqlite3: binding })}\n`);
  return binding;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureElectronSqlite();
