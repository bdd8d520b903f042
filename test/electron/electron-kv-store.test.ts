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

  it('starts empty on a corrupt file, keeps a copy of it and logs why', () => {
    const file = join(dir, 'partner-desk.json');
    writeFileSync(file, '{"tabs": ["a.example", ');
    const log = silentLog();
    const store = openKeyValueStore(openConf, dir, log);
    expect(store.get('tabs')).toBeUndefined();
    expect(log.error).toHaveBeenCalledWith(expect.stringMatching(/corrupt/), expect.any(SyntaxError));
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('{"tabs": ["a.example", ');
    store.set('tabs', ['b.example']);
    expect(openKeyValueStore(openConf, dir, silentLog()).get('tabs')).toEqual(['b.example']);
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
