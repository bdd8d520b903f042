import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore, KEYCHAIN_SERVICE } from '../../main/electron/secret-stores/keytar-secret-store';

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
