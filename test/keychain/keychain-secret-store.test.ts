import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/core/ports';
import { keychainFailureReason } from '../../main/electron/secret-stores/keychain-failure';
import {
  createKeytarSecretStore,
  KEYCHAIN_SERVICE,
  loadKeytar,
} from '../../main/electron/secret-stores/keytar-secret-store';
import { createSecretStore } from '../../main/electron/secret-stores/secret-store-chooser';
import { SECRET_STORAGE_KEY, type SecretStorageState } from '../../main/electron/secret-stores/secret-storage-record';
import { MemoryKeyValueStore } from '../core/helpers/memory-stores';
import { FakeSafeStorage } from '../electron/secret-store-fakes';

const require = createRequire(import.meta.url);

/**
 * Runs against the real OS keychain through keytar: on Linux a gnome-keyring Secret Service
 * in a D-Bus session (test/keychain/with-keyring.sh sets one up). Without PD_KEYCHAIN_TEST=1
 * there may be no unlocked keychain to talk to, so the suite is skipped and says why.
 */
const enabled = process.env.PD_KEYCHAIN_TEST === '1';
if (!enabled) {
  console.warn(
    'Keychain tests skipped: set PD_KEYCHAIN_TEST=1 inside a session with an unlocked Secret Service (bash test/keychain/with-keyring.sh).',
  );
}

// A service of its own, so the test never touches a real user's Partner Desk entries.
const service = `${KEYCHAIN_SERVICE} test ${randomUUID()}`;

describe.skipIf(!enabled)('keychain secret store (real keychain via keytar)', () => {
  const store = createKeytarSecretStore(keytar, service);

  afterAll(async () => {
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
  });

  it('uses "Partner Desk" as its service name by default', () => {
    expect(KEYCHAIN_SERVICE).toBe('Partner Desk');
  });

  it('sets, gets and deletes a secret', async () => {
    await store.set('refresh:northwind-reseller.example', '1//0refresh-token');
    expect(await store.get('refresh:northwind-reseller.example')).toBe('1//0refresh-token');
    expect(await keytar.getPassword(service, 'refresh:northwind-reseller.example')).toBe('1//0refresh-token');
    expect(await store.delete('refresh:northwind-reseller.example')).toBe(true);
    expect(await store.get('refresh:northwind-reseller.example')).toBeNull();
  });

  it('keeps two accounts apart', async () => {
    await store.set('refresh:a.example', 'secret-a');
    await store.set('refresh:b.example', 'secret-b');
    expect(await store.get('refresh:a.example')).toBe('secret-a');
    expect(await store.get('refresh:b.example')).toBe('secret-b');
    await store.delete('refresh:a.example');
    expect(await store.get('refresh:a.example')).toBeNull();
    expect(await store.get('refresh:b.example')).toBe('secret-b');
  });

  it('overwrites a secret in place', async () => {
    await store.set('refresh:c.example', 'old');
    await store.set('refresh:c.example', 'new');
    expect(await store.get('refresh:c.example')).toBe('new');
    expect((await keytar.findCredentials(service)).filter((c) => c.account === 'refresh:c.example')).toHaveLength(1);
  });

  it('round-trips a unicode secret', async () => {
    const secret = 'jéton-secret 🔑 秘密 Ωμέγα \u00a0';
    await store.set('refresh:unicode.example', secret);
    expect(await store.get('refresh:unicode.example')).toBe(secret);
  });

  it('reports false when deleting a missing entry, null when reading one', async () => {
    expect(await store.delete('refresh:never-stored.example')).toBe(false);
    expect(await store.get('refresh:never-stored.example')).toBeNull();
  });

  it('refuses empty account names and empty secrets with a clear error', async () => {
    await expect(store.get('')).rejects.toThrow(/account names/);
    await expect(store.set('refresh:d.example', '')).rejects.toThrow(/non-empty/);
  });
});

describe.skipIf(!enabled)('the store chooser on a real Secret Service', () => {
  it('picks the keychain (its probe entry works and is gone again) and never wakes safeStorage', async () => {
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    const settings = new MemoryKeyValueStore();
    const store = createSecretStore({
      loadKeytar,
      safeStorage,
      platform: 'linux',
      file: join(tmpdir(), `pd-never-written-${randomUUID()}`, 'sign-ins.jsonl'),
      settings,
      askBasicText: async () => {
        throw new Error('never asked when the keychain works');
      },
      log: silentLogger,
      service,
    });
    await store.set('refresh:chooser.example', 'chosen-secret');
    expect(await keytar.getPassword(service, 'refresh:chooser.example')).toBe('chosen-secret');
    expect(await store.get('refresh:chooser.example')).toBe('chosen-secret');
    expect(await store.delete('refresh:chooser.example')).toBe(true);
    expect(safeStorage.availabilityChecks).toBe(0);
    expect(settings.get<SecretStorageState>(SECRET_STORAGE_KEY)?.backend).toBe('keytar');
    expect((await keytar.findCredentials(service)).map((c) => c.account)).not.toContain('partner-desk-probe');
  });
});

/**
 * The real keytar and libsecret, in a child process whose D-Bus session cannot be reached:
 * what they answer must be recognised as "no Secret Service". Needs no keyring.
 */
describe.skipIf(process.platform !== 'linux')('real libsecret without a Secret Service', () => {
  const attempt = (env: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      const script = `require(${JSON.stringify(require.resolve('keytar'))}).getPassword('Partner Desk probe', 'x').then(() => console.log('ok'), (e) => console.log(e.message))`;
      const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
      delete childEnv.DISPLAY;
      execFile(process.execPath, ['-e', script], { env: childEnv, timeout: 20_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout.trim()),
      );
    });

  it.each([
    ['no D-Bus session', 'disabled:'],
    ['a bus that is not there', 'unix:path=/nonexistent/partner-desk-bus'],
  ])('%s: libsecret’s error reads as no_secret_service', async (_case, address) => {
    const message = await attempt({ DBUS_SESSION_BUS_ADDRESS: address });
    expect(message).not.toBe('ok');
    expect(keychainFailureReason(new Error(message))).toBe('no_secret_service');
  });
});
