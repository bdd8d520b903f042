import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, SECRETS_FILE_NAME } from '../../main/electron/secret-stores/safe-storage-secret-store';
import { FakeSafeStorage, LIBSECRET_ERRORS, recordingLog, machine, startRun, FakeKeytar } from './secret-store-fakes';

const A = 'refresh-token:a.example';
const B = 'refresh-token:b.example';
const C = 'refresh-token:c.example';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-safe-storage-'));
  file = join(dir, 'data', SECRETS_FILE_NAME);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(safeStorage = new FakeSafeStorage('gnome_libsecret')) {
  const log = recordingLog();
  return { store: new SafeStorageSecretStore({ safeStorage, file, backend: safeStorage.backend, log }), log };
}
const lines = () =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

describe('safeStorage secret file', () => {
  it('creates its folder and a 0600 file, writes atomically and leaves no temporary file', async () => {
    const { store } = open();
    await store.set(A, 'secret-a');
    expect(await store.get(A)).toBe('secret-a');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'data'))).toEqual([SECRETS_FILE_NAME]);
    expect(await store.delete(A)).toBe(true);
    expect(await store.delete(A)).toBe(false);
    expect(await store.get(A)).toBeNull();
  });

  it('keeps every sign-in when many are written at once', async () => {
    const { store } = open();
    const accounts = Array.from({ length: 20 }, (_, i) => `refresh-token:d${i}.example`);
    await Promise.all(accounts.map((account) => store.set(account, `secret of ${account}`)));
    for (const account of accounts) expect(await store.get(account)).toBe(`secret of ${account}`);
    expect(lines()).toHaveLength(20);
  });

  it('reads the good entries of a damaged file; a damaged line is dropped at the next write, an undecryptable one kept', async () => {
    const { store, log } = open();
    await store.set(A, 'secret-a');
    await store.set(B, 'secret-b');
    const [lineA, lineB] = lines();
    const undecryptable = JSON.stringify({
      account: C,
      backend: 'kwallet5',
      data: Buffer.from('kwallet5|xx').toString('base64'),
    });
    writeFileSync(
      file,
      [
        lineA,
        '{"account":"refresh-token:x.example","backend":',
        'not json at all',
        '{"account":"',
        lineB,
        undecryptable,
        '\u0000\u0001',
      ].join('\n'),
    );
    expect(await store.get(A)).toBe('secret-a');
    expect(await store.get(B)).toBe('secret-b');
    await expect(store.get(C)).rejects.toMatchObject({
      code: 'keychain_unavailable',
      detail: { store: 'safeStorage:kwallet5', reason: 'unreadable' },
    });
    expect(log.lines.some((line) => /Skipped 4 damaged line\(s\)/.test(line))).toBe(true);

    await store.set(A, 'secret-a2');
    expect(lines().map((line) => (JSON.parse(line) as { account: string }).account)).toEqual([A, B, C]);
    expect(await store.get(A)).toBe('secret-a2');
    expect(await store.get(B)).toBe('secret-b');
  });

  it('never gives one domain another domain’s secret, even with lines swapped by hand', async () => {
    const { store } = open();
    await store.set(A, 'secret-a');
    await store.set(B, 'secret-b');
    const [lineA, lineB] = lines().map((line) => JSON.parse(line) as { account: string; data: string });
    // B's name over A's ciphertext, and the other way round.
    writeFileSync(
      file,
      [JSON.stringify({ ...lineA, account: B }), JSON.stringify({ ...lineB, account: A })].join('\n') + '\n',
    );
    for (const account of [A, B]) {
      await expect(store.get(account)).rejects.toMatchObject({
        code: 'keychain_unavailable',
        detail: { reason: 'unreadable' },
      });
    }
    expect(await store.get(C)).toBeNull();
  });

  it('reads nothing from a missing file, and fails clearly on an empty secret', async () => {
    const { store } = open();
    expect(await store.get(A)).toBeNull();
    expect(await store.delete(A)).toBe(false);
    expect(existsSync(file)).toBe(false);
    await expect(store.set(A, '')).rejects.toThrow(/non-empty/);
  });
});

describe('one domain never reads another’s secret through the chooser', () => {
  it('keeps accounts apart in the keychain, in the file and across a move', async () => {
    const computer = machine();
    try {
      const safeStorage = new FakeSafeStorage('kwallet6');
      const before = startRun(computer, { keytar: new Error(LIBSECRET_ERRORS[0]), safeStorage });
      await before.store.set(A, 'secret-a');
      await before.store.set(B, 'secret-b');
      // An account never placed is looked for in the keychain, as before the record: unreachable here.
      await expect(before.store.get(C)).rejects.toMatchObject({ code: 'keychain_unavailable' });

      const keytar = new FakeKeytar();
      const after = startRun(computer, { keytar, safeStorage });
      expect(await after.store.get(B)).toBe('secret-b');
      expect(await after.store.get(A)).toBe('secret-a');
      await after.store.delete(A);
      expect(await after.store.get(A)).toBeNull();
      expect(await after.store.get(B)).toBe('secret-b');
      expect(await after.store.get(C)).toBeNull();
    } finally {
      rmSync(computer.dir, { recursive: true, force: true });
    }
  });
});
