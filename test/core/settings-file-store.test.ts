import { DEFAULT_SETTINGS } from '../../shared/model/settings';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountRegistry } from '../../main/core/accounts/account-registry';
import type { SettingsRecoverySource } from '../../main/core/ports';
import { PreferencesStore } from '../../main/core/settings/preferences-store';
import { lastGoodPathOf, SettingsFileStore, writeFileAtomic } from '../../main/core/settings/settings-file-store';
import { recordingLogger, type RecordingLogger } from './helpers/recording-logger';

let dir: string;
let file: string;
let log: RecordingLogger;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-settings-'));
  file = join(dir, 'partner-desk.json');
  log = recordingLogger();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** As the app opens it, with writes as electron-store makes them (tab-indented JSON). */
function open(): { store: SettingsFileStore; recoveries: SettingsRecoverySource[] } {
  const store = new SettingsFileStore({
    path: file,
    write: (values) => writeFileAtomic(file, JSON.stringify(values, undefined, '\t')),
    log,
  });
  const recoveries: SettingsRecoverySource[] = [];
  store.onRecovered((source) => recoveries.push(source));
  return { store, recoveries };
}

const account = (domain: string) => ({ domain, email: `alex@${domain}`, displayName: 'Alex' });
const ACCOUNTS = [account('a.example'), account('b.example')];

/** A file as a user of the app leaves it: two accounts, settings and a domain's filters. */
function useTheApp(): void {
  const { store } = open();
  new AccountRegistry(store).upsert(ACCOUNTS[0]!);
  new AccountRegistry(store).upsert(ACCOUNTS[1]!);
  new PreferencesStore(store).updateSettings({ language: 'fr', theme: 'dark' });
  new PreferencesStore(store).setFilters('a.example', { keyword: 'meet', states: [], priorities: ['P1'] });
}

const readFile = () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

const DAMAGES: [string, (good: string) => string][] = [
  ['empty', () => ''],
  ['truncated', (good) => good.slice(0, Math.floor(good.length / 2))],
  ['garbage', () => '\u0000\u0007 not json at all'],
  ['null', () => 'null'],
  ['a list', () => '[]'],
  ['accounts not a list', (good) => JSON.stringify({ ...(JSON.parse(good) as object), accounts: { a: 1 } })],
];

describe('SettingsFileStore', () => {
  it('keeps a last-good copy equal to the file after each write', () => {
    useTheApp();
    expect(JSON.parse(readFileSync(lastGoodPathOf(file), 'utf8'))).toEqual(readFile());
    expect(readFile().accounts).toEqual(ACCOUNTS);
  });

  for (const [name, damage] of DAMAGES) {
    it(`recovers every account from the last-good copy when the file is ${name}, tells once and repairs the file`, () => {
      useTheApp();
      const good = readFileSync(file, 'utf8');
      const damaged = damage(good);
      writeFileSync(file, damaged);

      const { store, recoveries } = open();
      expect(new AccountRegistry(store).list()).toEqual(ACCOUNTS);
      expect(new PreferencesStore(store).settings()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });
      expect(new PreferencesStore(store).filters('a.example').keyword).toBe('meet');
      expect(recoveries).toEqual(['last_good']);
      expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe(damaged);
      expect(readFile().accounts).toEqual(ACCOUNTS);
      expect(log.entries.some((entry) => entry.level === 'error' && entry.message.includes('damaged'))).toBe(true);

      // Repaired: the next start finds nothing to recover.
      expect(open().recoveries).toEqual([]);
    });
  }

  it('without a last-good copy, keeps what it can of the damaged file and says it fell back to defaults', () => {
    writeFileSync(file, JSON.stringify({ accounts: 'a.example', settings: { language: 'fr', theme: 'dark' } }));
    const { store, recoveries } = open();
    expect(recoveries).toEqual(['defaults']);
    expect(new AccountRegistry(store).list()).toEqual([]);
    expect(new PreferencesStore(store).settings()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });
    expect(readFile()).toEqual({ settings: { language: 'fr', theme: 'dark' } });
  });

  it('keeps answering, from memory, when the file breaks while running; a write repairs it', () => {
    useTheApp();
    const { store, recoveries } = open();
    const registry = new AccountRegistry(store);
    const preferences = new PreferencesStore(store);
    expect(registry.list()).toEqual(ACCOUNTS);

    writeFileSync(file, '{"accounts": [{"domain": "a.exa');
    expect(registry.list()).toEqual(ACCOUNTS);
    expect(preferences.settings()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });
    expect(preferences.filters('a.example').priorities).toEqual(['P1']);
    expect(recoveries).toEqual(['last_good']);
    expect(readFile().accounts).toEqual(ACCOUNTS);

    writeFileSync(file, 'null');
    expect(preferences.updateSettings({ theme: 'light' })).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'fr',
      theme: 'light',
    });
    expect(readFile()).toMatchObject({ accounts: ACCOUNTS, settings: { language: 'fr', theme: 'light' } });
    expect(recoveries).toEqual(['last_good', 'last_good']);

    // And a restart after a damage that nothing read finds every account in the last-good copy.
    writeFileSync(file, '');
    const restarted = open();
    expect(new AccountRegistry(restarted.store).list()).toEqual(ACCOUNTS);
    expect(new PreferencesStore(restarted.store).settings().theme).toBe('light');
  });

  it('recovers from the last-good copy a file deleted before the start and damaged later', () => {
    useTheApp();
    rmSync(file);
    const { store, recoveries } = open();
    expect(store.get('accounts')).toBeUndefined();
    writeFileSync(file, '{');
    expect(new AccountRegistry(store).list()).toEqual(ACCOUNTS);
    expect(recoveries).toEqual(['last_good']);
  });

  it('tells a damage it cannot repair once, and answers from memory meanwhile', () => {
    useTheApp();
    let writable = true;
    const store = new SettingsFileStore({
      path: file,
      write: (values) => {
        if (!writable) throw new Error('EROFS');
        writeFileAtomic(file, JSON.stringify(values));
      },
      log,
    });
    const recoveries: SettingsRecoverySource[] = [];
    store.onRecovered((source) => recoveries.push(source));
    writable = false;
    writeFileSync(file, 'null');
    for (let read = 0; read < 3; read += 1) expect(new AccountRegistry(store).list()).toEqual(ACCOUNTS);
    expect(recoveries).toEqual(['last_good']);
    expect(readFileSync(file, 'utf8')).toBe('null');
  });

  it('takes a good hand edit made while running, and makes it the last good copy', () => {
    useTheApp();
    const { store, recoveries } = open();
    writeFileSync(file, JSON.stringify({ ...readFile(), accounts: [ACCOUNTS[1]] }));
    expect(new AccountRegistry(store).list()).toEqual([ACCOUNTS[1]]);
    expect(JSON.parse(readFileSync(lastGoodPathOf(file), 'utf8'))).toMatchObject({ accounts: [ACCOUNTS[1]] });
    expect(recoveries).toEqual([]);
  });

  it('reports recoveries made before anyone listened, once', () => {
    useTheApp();
    writeFileSync(file, 'garbage');
    const store = new SettingsFileStore({
      path: file,
      write: (values) => writeFileAtomic(file, JSON.stringify(values)),
      log,
    });
    const first: SettingsRecoverySource[] = [];
    store.onRecovered((source) => first.push(source));
    const second: SettingsRecoverySource[] = [];
    store.onRecovered((source) => second.push(source));
    expect(first).toEqual(['last_good']);
    expect(second).toEqual([]);
  });

  it('starts empty without a file, and creates it and its copy on the first write', () => {
    const { store, recoveries } = open();
    expect(store.get('accounts')).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    store.set('accounts', ACCOUNTS);
    store.set('gone', 1);
    store.delete('gone');
    store.set('also-gone', 2);
    store.set('also-gone', undefined);
    expect(readFile()).toEqual({ accounts: ACCOUNTS });
    expect(JSON.parse(readFileSync(lastGoodPathOf(file), 'utf8'))).toEqual({ accounts: ACCOUNTS });
    expect(recoveries).toEqual([]);
  });

  it('keeps answering from memory when the file cannot be read, and refuses a write that fails', () => {
    useTheApp();
    const { store } = open();
    rmSync(file);
    mkdirSync(file);
    expect(new AccountRegistry(store).list()).toEqual(ACCOUNTS);
    expect(log.entries.some((entry) => entry.level === 'warn' && entry.message.includes('Could not read'))).toBe(true);
    expect(() => store.set('x', 1)).toThrow();
    expect(store.get('x')).toBeUndefined();
  });
});
