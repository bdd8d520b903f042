import { readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainFailureReason } from '../../main/electron/secret-stores/keychain-failure';
import { safeStorageBackendName } from '../../main/electron/secret-stores/secret-store-chooser';
import { SECRET_STORAGE_KEY, type SecretStorageState } from '../../main/electron/secret-stores/secret-storage-record';
import {
  FakeKeytar,
  FakeSafeStorage,
  LIBSECRET_ERRORS,
  LOAD_ERRORS,
  machine,
  startRun,
  type Machine,
} from './secret-store-fakes';

const A = 'refresh-token:a.example';
const B = 'refresh-token:b.example';
const machines: Machine[] = [];
const newMachine = () => {
  const computer = machine();
  machines.push(computer);
  return computer;
};
afterEach(() => {
  for (const computer of machines.splice(0)) rmSync(computer.dir, { recursive: true, force: true });
});

const record = (computer: Machine) => computer.settings.get<SecretStorageState>(SECRET_STORAGE_KEY);
const fileText = (computer: Machine) => readFileSync(computer.file, 'utf8');
const noDbus = () => new Error(LIBSECRET_ERRORS[0]);

describe('choosing where sign-ins are kept', () => {
  it('keeps them in the keychain when keytar works, without waking safeStorage', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    const { store } = startRun(computer, { keytar, safeStorage });
    await store.set(A, 'secret-a');
    expect(await store.get(A)).toBe('secret-a');
    expect(keytar.has(A)).toBe(true);
    // The probe entry is gone again.
    expect([...keytar.entries.keys()]).toHaveLength(1);
    expect(safeStorage.availabilityChecks).toBe(0);
    expect(record(computer)).toMatchObject({ backend: 'keytar', locations: { [A]: 'keytar' } });
    expect(await store.keepsAcrossRestarts?.()).toBe(true);
  });

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const)(
    'falls back to safeStorage (%s) when no Secret Service answers, encrypted in a 0600 file',
    async (backend) => {
      for (const message of LIBSECRET_ERRORS) {
        const computer = newMachine();
        const keytar = new FakeKeytar();
        keytar.failures = { get: new Error(message), set: new Error(message), delete: new Error(message) };
        const { store, asked } = startRun(computer, { keytar, safeStorage: new FakeSafeStorage(backend) });
        await store.set(A, 'secret-a');
        expect(await store.get(A)).toBe('secret-a');
        expect(asked).toEqual([]);
        expect(fileText(computer)).toContain(`"account":"${A}","backend":"${backend}"`);
        expect(fileText(computer)).not.toContain('secret-a');
        if (process.platform !== 'win32') {
          const { statSync } = await import('node:fs');
          expect(statSync(computer.file).mode & 0o777).toBe(0o600);
        }
        expect(record(computer)).toMatchObject({ backend: `safeStorage:${backend}` });
        expect(computer.log.lines.join('\n')).toContain('The keychain does not work (no_secret_service)');
      }
    },
  );

  it.each(LOAD_ERRORS)('falls back to safeStorage when keytar does not load: %s', async (message) => {
    const computer = newMachine();
    const { store } = startRun(computer, { keytar: new Error(message), safeStorage: new FakeSafeStorage('kwallet5') });
    await store.set(A, 'secret-a');
    expect(await store.get(A)).toBe('secret-a');
    expect(record(computer)?.backend).toBe('safeStorage:kwallet5');
    expect(keychainFailureReason(new Error(message))).toBe('load_failed');
  });

  it('names safeStorage’s backend: Linux’s own choice, DPAPI on Windows, the Keychain on macOS', () => {
    const safeStorage = new FakeSafeStorage('kwallet6');
    expect(safeStorageBackendName('linux', safeStorage)).toBe('kwallet6');
    expect(safeStorageBackendName('win32', safeStorage)).toBe('dpapi');
    expect(safeStorageBackendName('darwin', safeStorage)).toBe('keychain');
  });

  it('words each Secret Service failure as no_secret_service, anything else as keychain_error', () => {
    for (const message of LIBSECRET_ERRORS)
      expect(keychainFailureReason(new Error(message)), message).toBe('no_secret_service');
    expect(keychainFailureReason(new Error('The user name or passphrase you entered is not correct.'))).toBe(
      'keychain_error',
    );
  });

  it('refuses basic_text unless the user agrees; refused, sign-ins last this run only and the answer is kept', async () => {
    const computer = newMachine();
    const safeStorage = new FakeSafeStorage('basic_text');
    const first = startRun(computer, { keytar: noDbus(), safeStorage, answer: false });
    await first.store.set(A, 'secret-a');
    expect(await first.store.get(A)).toBe('secret-a');
    expect(first.asked).toHaveLength(1);
    expect(() => readFileSync(computer.file)).toThrow();
    expect(record(computer)).toMatchObject({ backend: 'memory', basicText: 'refused', locations: { [A]: 'memory' } });
    // So the Google connection settings refuse a client secret this run could not keep.
    expect(await first.store.keepsAcrossRestarts?.()).toBe(false);

    // The next start asks nothing, and says the sign-in was not kept rather than "signed out".
    const second = startRun(computer, { keytar: noDbus(), safeStorage, answer: true });
    await expect(second.store.get(A)).rejects.toMatchObject({
      code: 'keychain_unavailable',
      detail: { store: 'memory', reason: 'not_kept' },
    });
    expect(second.asked).toEqual([]);
  });

  it('uses basic_text once the user agreed, and asks only once', async () => {
    const computer = newMachine();
    const safeStorage = new FakeSafeStorage('basic_text');
    const first = startRun(computer, { keytar: noDbus(), safeStorage, answer: true });
    await first.store.set(A, 'secret-a');
    expect(fileText(computer)).toContain('"backend":"basic_text"');
    const second = startRun(computer, { keytar: noDbus(), safeStorage, answer: false });
    expect(await second.store.get(A)).toBe('secret-a');
    expect([first.asked.length, second.asked.length]).toEqual([1, 0]);
    expect(record(computer)).toMatchObject({ backend: 'safeStorage:basic_text', basicText: 'accepted' });
  });

  it('does not use a safeStorage that cannot say how it encrypts (unknown), cannot encrypt, or fails to start', async () => {
    const failing = new FakeSafeStorage('gnome_libsecret');
    failing.failStart = true;
    for (const safeStorage of [
      new FakeSafeStorage('unknown'),
      new FakeSafeStorage('gnome_libsecret', false),
      failing,
    ]) {
      const computer = newMachine();
      const { store, asked } = startRun(computer, { keytar: noDbus(), safeStorage });
      await store.set(A, 'secret-a');
      expect(await store.get(A)).toBe('secret-a');
      expect(asked).toEqual([]);
      expect(record(computer)?.backend).toBe('memory');
    }
  });

  it('turns a keychain that fails mid-run into keychain_unavailable, never keytar’s raw error', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const { store } = startRun(computer, { keytar, safeStorage: new FakeSafeStorage('gnome_libsecret') });
    await store.set(A, 'secret-a');
    keytar.failures = { get: noDbus(), set: noDbus() };
    await expect(store.get(A)).rejects.toMatchObject({
      name: 'AppError',
      code: 'keychain_unavailable',
      detail: { store: 'keytar', reason: 'no_secret_service' },
    });
    await expect(store.set(B, 'secret-b')).rejects.toMatchObject({ code: 'keychain_unavailable' });
  });
});

describe('moving between keytar and safeStorage', () => {
  it('moves from safeStorage to the keychain when it comes back: read, write, read back, then delete', async () => {
    const computer = newMachine();
    const safeStorage = new FakeSafeStorage('kwallet5');
    const before = startRun(computer, { keytar: noDbus(), safeStorage });
    await before.store.set(A, 'secret-a');
    await before.store.set(B, 'secret-b');

    const keytar = new FakeKeytar();
    const after = startRun(computer, { keytar, safeStorage });
    expect(await after.store.get(A)).toBe('secret-a');
    expect(keytar.has(A)).toBe(true);
    expect(fileText(computer)).not.toContain(`"account":"${A}"`);
    // B has not been read yet: still in the file, and still readable.
    expect(fileText(computer)).toContain(`"account":"${B}"`);
    expect(record(computer)).toMatchObject({
      backend: 'keytar',
      locations: { [A]: 'keytar', [B]: 'safeStorage:kwallet5' },
    });
    expect(await after.store.get(B)).toBe('secret-b');
    expect(fileText(computer)).toBe('');
    expect(computer.log.lines).toContain(`info Moved the sign-in of ${A} from safeStorage:kwallet5 to keytar`);
  });

  it('moves from the keychain to safeStorage when the keychain reads but no longer writes', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    await startRun(computer, { keytar, safeStorage }).store.set(A, 'secret-a');

    // gnome-keyring without its login keyring: reads answer, writes fail.
    keytar.failures = { set: new Error(LIBSECRET_ERRORS[3]) };
    const after = startRun(computer, { keytar, safeStorage });
    expect(await after.store.get(A)).toBe('secret-a');
    expect(keytar.has(A)).toBe(false);
    expect(fileText(computer)).toContain(`"account":"${A}"`);
    expect(record(computer)).toMatchObject({
      backend: 'safeStorage:gnome_libsecret',
      locations: { [A]: 'safeStorage:gnome_libsecret' },
    });
  });

  it('moves an entry from before the record (keytar) on its first read', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    keytar.entries.set(`Partner Desk test\u0000${A}`, 'legacy-a');
    keytar.failures = { set: new Error(LIBSECRET_ERRORS[3]) };
    const { store } = startRun(computer, { keytar, safeStorage: new FakeSafeStorage('kwallet6') });
    expect(await store.get(A)).toBe('legacy-a');
    expect(keytar.has(A)).toBe(false);
    expect(await store.get(A)).toBe('legacy-a');
  });

  it('keeps the old copy when the keychain reads back another value', async () => {
    const computer = newMachine();
    const safeStorage = new FakeSafeStorage('kwallet5');
    await startRun(computer, { keytar: noDbus(), safeStorage }).store.set(A, 'secret-a');
    const keytar = new FakeKeytar();
    keytar.misreads.set(A, 'garbled');
    const after = startRun(computer, { keytar, safeStorage });
    expect(await after.store.get(A)).toBe('secret-a');
    expect(fileText(computer)).toContain(`"account":"${A}"`);
    expect(record(computer)?.locations[A]).toBe('safeStorage:kwallet5');
    // Once the keychain behaves, the move happens.
    keytar.misreads.clear();
    expect(await after.store.get(A)).toBe('secret-a');
    expect(record(computer)?.locations[A]).toBe('keytar');
  });

  it('keeps the old copy when safeStorage fails to write, and reads it again next time', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    await startRun(computer, { keytar, safeStorage }).store.set(A, 'secret-a');
    keytar.failures = { set: noDbus() };
    safeStorage.failEncrypt = true;
    const after = startRun(computer, { keytar, safeStorage });
    expect(await after.store.get(A)).toBe('secret-a');
    expect(keytar.has(A)).toBe(true);
    expect(record(computer)?.locations[A]).toBe('keytar');
  });

  it('tells a keychain it cannot reach from "signed out", and deletes nothing, until it is back', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    await startRun(computer, { keytar, safeStorage }).store.set(A, 'secret-a');

    const without = startRun(computer, { keytar: new Error(LOAD_ERRORS[1]), safeStorage });
    await expect(without.store.get(A)).rejects.toMatchObject({
      code: 'keychain_unavailable',
      detail: { store: 'keytar', reason: 'load_failed' },
    });
    expect(record(computer)?.locations[A]).toBe('keytar');

    const back = startRun(computer, { keytar, safeStorage });
    expect(await back.store.get(A)).toBe('secret-a');
  });

  it('explains an entry another safeStorage backend encrypted as unreadable', async () => {
    const computer = newMachine();
    await startRun(computer, { keytar: noDbus(), safeStorage: new FakeSafeStorage('kwallet5') }).store.set(A, 'a');
    const other = startRun(computer, { keytar: noDbus(), safeStorage: new FakeSafeStorage('gnome_libsecret') });
    await expect(other.store.get(A)).rejects.toMatchObject({
      code: 'keychain_unavailable',
      detail: { store: 'safeStorage:kwallet5', reason: 'unreadable' },
    });
    // Kept, in case the wallet comes back; a new sign-in replaces it.
    expect(fileText(computer)).toContain(`"account":"${A}"`);
    await other.store.set(A, 'again');
    expect(await other.store.get(A)).toBe('again');
  });

  it('encrypts again when safeStorage rotated its key', async () => {
    const computer = newMachine();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    const { store } = startRun(computer, { keytar: noDbus(), safeStorage });
    await store.set(A, 'secret-a');
    expect(await store.get(A)).toBe('secret-a');
    expect(safeStorage.encryptions).toBe(1);
    safeStorage.reEncrypt = true;
    expect(await store.get(A)).toBe('secret-a');
    expect(safeStorage.encryptions).toBe(2);
  });
});

describe('signing out when a store fails halfway', () => {
  it('never reads a copy it could not delete back, and deletes it at a later start', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    await startRun(computer, { keytar, safeStorage }).store.set(A, 'old-a');

    // The keychain reads but fails to write or delete: this run writes to safeStorage.
    keytar.failures = { set: noDbus(), delete: noDbus() };
    const halfway = startRun(computer, { keytar, safeStorage });
    await expect(halfway.store.delete(A)).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(keytar.has(A)).toBe(true);
    expect(record(computer)?.pendingDeletes).toEqual([{ account: A, store: 'keytar' }]);
    expect(await halfway.store.get(A)).toBeNull();

    // Next start, the keychain works: the stale copy goes first, then a new sign-in is clean.
    keytar.failures = {};
    const next = startRun(computer, { keytar, safeStorage });
    expect(await next.store.get(A)).toBeNull();
    expect(keytar.has(A)).toBe(false);
    expect(record(computer)?.pendingDeletes).toEqual([]);
    await next.store.set(A, 'new-a');
    expect(await next.store.get(A)).toBe('new-a');
  });

  it('a sign-in after a failed delete overwrites the stale copy and is read, not the stale one', async () => {
    const computer = newMachine();
    const keytar = new FakeKeytar();
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    const { store } = startRun(computer, { keytar, safeStorage });
    await store.set(A, 'old-a');
    keytar.failures = { delete: noDbus() };
    await expect(store.delete(A)).rejects.toMatchObject({ code: 'keychain_unavailable' });
    keytar.failures = {};
    await store.set(A, 'new-a');
    expect(record(computer)?.pendingDeletes).toEqual([]);
    const next = startRun(computer, { keytar, safeStorage });
    expect(await next.store.get(A)).toBe('new-a');
  });

  it('deletes in both stores while a move is pending', async () => {
    const computer = newMachine();
    const safeStorage = new FakeSafeStorage('kwallet5');
    await startRun(computer, { keytar: noDbus(), safeStorage }).store.set(A, 'secret-a');
    const keytar = new FakeKeytar();
    keytar.entries.set(`Partner Desk test\u0000${A}`, 'stray');
    const { store } = startRun(computer, { keytar, safeStorage });
    expect(await store.delete(A)).toBe(true);
    expect(keytar.has(A)).toBe(false);
    expect(fileText(computer)).toBe('');
    expect(await store.get(A)).toBeNull();
  });
});
