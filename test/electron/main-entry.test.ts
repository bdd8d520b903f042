import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/content-security-policy';
import { NORTHWIND_DOMAIN } from '../../main/emulator';
import { RESULT_PREFIX } from './entry/entry-scenario';
import { fr } from '../../shared/i18n/fr';

/**
 * Runs the real main/index.ts (bundled like build/bundle.mjs does) under Node, with a fake
 * Electron runtime bundled in place of 'electron' and an in-memory keytar: the real
 * emulator, core, IPC bridge, protocol handler and settings store, wired by the real entry.
 */
const root = join(__dirname, '../..');
let outDir: string;
const userDataDirs: string[] = [];

beforeAll(async () => {
  mkdirSync(join(root, 'test-output'), { recursive: true });
  outDir = mkdtempSync(join(root, 'test-output', 'electron-entry-'));
  await build({
    absWorkingDir: root,
    entryPoints: ['main/index.ts'],
    outfile: join(outDir, 'main/index.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    // As in build/bundle.mjs: these load from node_modules at run time (the updater never, unpackaged).
    external: ['better-sqlite3', 'electron-updater'],
    supported: { 'dynamic-import': false },
    alias: {
      electron: './test/electron/entry/fake-electron.ts',
      keytar: './test/electron/entry/fake-keytar.ts',
    },
  });
  cpSync(join(root, 'renderer/index.html'), join(outDir, 'renderer/index.html'));
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  for (const dir of userDataDirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  result: Record<string, unknown> | undefined;
  userData: string;
}

function runEntry(env: Record<string, string>, prepare?: (userData: string) => void): Promise<Run> {
  const userData = mkdtempSync(join(tmpdir(), 'pd-entry-'));
  userDataDirs.push(userData);
  prepare?.(userData);
  const childEnv: Record<string, string | undefined> = { ...process.env, PD_SMOKE_USER_DATA: userData, ...env };
  if (!env.PARTNER_DESK_OAUTH_CLIENT_ID) delete childEnv.PARTNER_DESK_OAUTH_CLIENT_ID;
  // The badge's place depends on the desktop: the runs assume one without launcher badges.
  if (!env.XDG_CURRENT_DESKTOP) delete childEnv.XDG_CURRENT_DESKTOP;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(outDir, 'main/index.cjs')], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    // A run that never quits is a failure, not a process left behind.
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      resolve({
        code,
        userData,
        stdout,
        result: line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, unknown>) : undefined,
      });
    });
  });
}

describe('main entry on a fake Electron runtime', () => {
  it('starts the demo backend, serves the renderer, guards IPC, signs a domain in and quits cleanly', async () => {
    const run = await runEntry({});
    expect(run.result, run.stdout).toBeDefined();
    const r = run.result!;
    expect(r.error, String(r.error)).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Partner Desk starting \{"version":"0.1.0-smoke","backend":"demo"/);
    expect(run.stdout).toMatch(/emulator listening on http:\/\/127\.0\.0\.1:/);
    // Unpackaged, the updater stays off and says so once.
    expect(run.stdout.match(/Updates are off: a development run/g)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/ERROR/);

    expect(r.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(r.loadedUrls).toEqual(['app://partner-desk/index.html']);
    expect(r.windowOptions).toEqual([
      expect.objectContaining({
        webPreferences: expect.objectContaining({
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          preload: join(outDir, 'preload/index.cjs'),
        }),
      }),
    ]);
    expect(r.page).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY });
    expect(r.traversal).not.toBe(200);

    expect(r.appInfo).toMatchObject({
      ok: true,
      value: { backend: 'demo', version: '0.1.0-smoke', systemLocale: 'fr-FR' },
    });
    expect(r.forged).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(r.malformed).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    expect(r.opened).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?/)]);
    expect(r.signIn).toMatchObject({ ok: true, value: { domain: NORTHWIND_DOMAIN } });
    expect(r.signInLandings).toEqual([200]);
    expect(r.accounts).toMatchObject({ ok: true, value: [expect.objectContaining({ domain: NORTHWIND_DOMAIN })] });
    expect(r.partitions).toEqual([`persist:domain:${NORTHWIND_DOMAIN}`]);
    expect(r.permissionsGranted).toEqual([false, false]);
    expect(r.sentEvents).toContain('accounts:changed');
    expect(r.windowOpen).toEqual({ action: 'deny' });
    expect(r.menuLabels).toEqual([null, 'Édition', 'Affichage', 'Fenêtre', 'Aide']);
    expect(r.errorBoxes).toEqual([]);

    // Links from a second instance or open-url open a signed-in domain's tab and case, nothing else.
    expect(r.openedCases).toEqual([
      { domain: NORTHWIND_DOMAIN, name: 'organizations/1/cases/2' },
      { domain: NORTHWIND_DOMAIN },
    ]);
    // The two second instances each focus the window, and each link that opens something does too.
    expect(r.linkFocus).toBe(4);
    expect(run.stdout).toMatch(/Ignored a partnerdesk:\/\/ link/);
    // A development run claims no scheme; the count goes to a tray icon (this desktop has no launcher badge).
    expect(r.protocolClients).toEqual([]);
    expect(r.notificationsSupported).toBe(1);
    expect(r.badgeCounts).toEqual([]);
    expect((r.trayToolTips as string[]).at(-1)).toMatch(/^Partner Desk : /);
  });

  it('uses Google when an OAuth client is configured, without starting the emulator', async () => {
    const run = await runEntry({
      PARTNER_DESK_OAUTH_CLIENT_ID: 'smoke.apps.googleusercontent.com',
      PD_SMOKE_SIGN_IN: '0',
    });
    expect(run.result, run.stdout).toBeDefined();
    expect(run.result?.appInfo).toMatchObject({ ok: true, value: { backend: 'google' } });
    expect(run.stdout).not.toMatch(/emulator listening/);
    expect(run.code).toBe(0);
  });

  it('leaves at once, without a window, when another instance holds the lock', async () => {
    const run = await runEntry({ PD_SMOKE_LOCK: 'taken' });
    expect(run.code).toBe(0);
    expect(run.result).toBeUndefined();
    expect(run.stdout).not.toMatch(/Partner Desk starting/);
  });

  it('restarts after an uncaught exception in main: logged, a dialog in the user’s language, an orderly stop', async () => {
    const run = await runEntry({ PD_SMOKE_CRASH: '1' });
    expect(run.result, run.stdout).toBeDefined();
    expect(run.stdout).toMatch(/ERROR Uncaught exception Error: smoke crash/);
    expect(run.result?.errorBoxes).toEqual([`${fr.native.crash.title}: ${fr.native.crash.restarting}`]);
    expect(run.result?.relaunches).toBe(1);
    expect(run.code).toBe(1);
    const historyFile = join(run.userData, 'logs', 'crash-history.json');
    expect(existsSync(historyFile)).toBe(true);
    expect(JSON.parse(readFileSync(historyFile, 'utf8'))).toHaveLength(1);
  });

  it('quits instead of restarting when main keeps crashing', async () => {
    const run = await runEntry({ PD_SMOKE_CRASH: '1' }, (userData) => {
      mkdirSync(join(userData, 'logs'), { recursive: true });
      const now = Date.now();
      writeFileSync(join(userData, 'logs', 'crash-history.json'), JSON.stringify([now - 20_000, now - 10_000]));
    });
    expect(run.result, run.stdout).toBeDefined();
    expect(run.result?.errorBoxes).toEqual([`${fr.native.crash.title}: ${fr.native.crash.stopped}`]);
    expect(run.result?.relaunches).toBe(0);
    expect(run.code).toBe(1);
  });
});
