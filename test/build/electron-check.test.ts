import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm start`'s first step (build/electron-check.mjs), run as `npm start` runs it, in a copy
 * of the project's layout whose node_modules/electron the test controls: this machine's
 * binary may or may not be there, the test's is.
 */
const root = join(import.meta.dirname, '../..');
const projects: string[] = [];

afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(): { dir: string; electronDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pd-electron-check-'));
  projects.push(dir);
  mkdirSync(join(dir, 'build'));
  copyFileSync(join(root, 'build/electron-check.mjs'), join(dir, 'build/electron-check.mjs'));
  const electronDir = join(dir, 'node_modules/electron');
  mkdirSync(electronDir, { recursive: true });
  // The electron package as ELECTRON_SKIP_BINARY_DOWNLOAD=1 leaves it: its files, no path.txt, no dist/.
  for (const file of ['package.json', 'index.js', 'cli.js']) {
    copyFileSync(join(root, 'node_modules/electron', file), join(electronDir, file));
  }
  return { dir, electronDir };
}

function runCheck(dir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const run = spawnSync(process.execPath, [join(dir, 'build/electron-check.mjs')], { env, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('npm start without the Electron binary', () => {
  it('says so in one line, points to npm run preview, and fails', () => {
    const { dir } = project();
    const run = runCheck(dir);
    expect(run.status).not.toBe(0);
    const lines = run.output.split('\n').filter((line) => line.trim() !== '');
    expect(lines, run.output).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary is not installed/);
    expect(lines[0]).toContain('`npm run preview`');
    expect(run.output).not.toMatch(/\n\s+at /);
  });

  it('says the same when path.txt names a binary that is not in dist/', () => {
    const { dir, electronDir } = project();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    const run = runCheck(dir);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('`npm run preview`');
  });

  it('lets npm start go on, silently, when the binary is installed', () => {
    const { dir, electronDir } = project();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    mkdirSync(join(electronDir, 'dist'));
    writeFileSync(join(electronDir, 'dist/electron'), '');
    const run = runCheck(dir);
    expect(run).toEqual({ status: 0, output: '' });
  });

  it('is the first step of npm start, before the bundle and the native module build', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start?.split(' && ')[0]).toBe('node build/electron-check.mjs');
    expect(pkg.scripts.start).toMatch(/ && electron \.$/);
  });
});
