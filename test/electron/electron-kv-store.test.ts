import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyValueStore, type KvStoreOptions } from '../../main/electron/electron-kv-store';
import { silentLog } from './silent-log';

/**
 * electron-store is Conf with Electron's userData folder as default cwd and `name` as the
 * file name; the same options through Conf itself exercise the real file handling.
 */
const openConf = ({ name, ...options }: KvStoreOptions) =>
  new Conf<Record<string, unknown>>({ configName: name, ...options });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-kv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store over electron-store', () => {
  it('keeps values across reopenings in partner-desk.json, keys with dots kept flat', () => {
    const store = openKeyValueStore(openConf, dir, silentLog());
    store.set('filters:northwind-reseller.example', { states: ['OPEN'] });
    store.set('tabs', ['a.example', 'b.example']);
    const reopened = openKeyValueStore(openConf, dir, silentLog());
    expect(reopened.get('filters:northwind-reseller.example')).toEqual({ states: ['OPEN'] });
    expect(reopened.get('tabs')).toEqual(['a.example', 'b.example']);
    const file = JSON.parse(readFileSync(join(dir, 'partner-desk.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['filters:northwind-reseller.example', 'tabs']);
  });

  it('deletes keys, and treats setting undefined as deleting', () => {
    const store = openKeyValueStore(openConf, dir, silentLog());
    store.set('a', 1);
    store.set('b', 2);
    store.delete('a');
    store.set('b', undefined);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBeUndefined();
  });

  it('through electron-store, recovers a damaged file from the last-good copy, keeps it aside, tells once', () => {
    const file = join(dir, 'partner-desk.json');
    const store = openKeyValueStore(openConf, dir, silentLog());
    store.set('accounts', [{ domain: 'a.example', email: 'x@a.example', displayName: 'X' }]);
    // electron-store alone reads `null` as an empty store: the core must see through it.
    for (const damaged of ['{"accounts": [', 'null', '']) {
      writeFileSync(file, damaged);
      const log = silentLog();
      const reopened = openKeyValueStore(openConf, dir, log);
      const sources: string[] = [];
      reopened.onRecovered((source) => sources.push(source));
      expect(sources).toEqual(['last_good']);
      expect(reopened.get('accounts')).toEqual([{ domain: 'a.example', email: 'x@a.example', displayName: 'X' }]);
      expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/damaged/));
      expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe(damaged);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ accounts: reopened.get('accounts') });
    }
  });

  it('keeps answering when the file breaks while running, and repairs it with the next write', () => {
    const file = join(dir, 'partner-desk.json');
    const store = openKeyValueStore(openConf, dir, silentLog());
    store.set('tabs', ['a.example']);
    writeFileSync(file, '{"tabs": ["a.ex');
    expect(store.get('tabs')).toEqual(['a.example']);
    writeFileSync(file, 'garbage');
    store.set('theme', 'dark');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ tabs: ['a.example'], theme: 'dark' });
  });

  it('does not hide other failures', () => {
    expect(() =>
      openKeyValueStore(
        () => {
          throw new Error('EACCES');
        },
        dir,
        silentLog(),
      ),
    ).toThrow('EACCES');
    expect(existsSync(join(dir, 'partner-desk.json.corrupt'))).toBe(false);
  });
});
