import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_SCOPES } from '../../../main/core/accounts/sign-in-flow';
import { DEMO_USERS, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../../main/emulator';
import { removeDataDir, startCoreHarness, type CoreHarness } from '../helpers/core-harness';

type Stored = { domain: string; email: string; scopes?: string[] }[];

describe('the granted scopes', () => {
  let emulator: RunningEmulator;
  let first: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    first = await startCoreHarness({ emulator });
  });
  afterAll(async () => {
    await removeDataDir(first.dataDir);
    await emulator.close();
  });

  it('are learned again at the first refresh by an account saved without them, and kept', async () => {
    await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await first.dispose();
    // As an earlier Partner Desk saved it: no scopes.
    const saved = (first.store.get<Stored>('accounts') ?? []).map(({ scopes: _scopes, ...account }) => account);
    first.store.set('accounts', saved);
    const restarted = await startCoreHarness({ emulator, reuse: first });
    try {
      await restarted.core.start();
      // The restored domain has no access token: its first request refreshes one, and the answer names the scopes.
      const diagnostics = await restarted.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN });
      expect(new Set(diagnostics.scopes)).toEqual(new Set(SIGN_IN_SCOPES));
      const record = restarted.store.get<Stored>('accounts')?.find((account) => account.domain === NORTHWIND_DOMAIN);
      expect(new Set(record?.scopes)).toEqual(new Set(SIGN_IN_SCOPES));
      expect(record?.email).toBe(DEMO_USERS.alex);
      await restarted.core.handlers['account:signOut']({ domain: NORTHWIND_DOMAIN });
      // A sign-out forgets the record, scopes and all; no refresh brings it back.
      expect(restarted.store.get<Stored>('accounts')).toEqual([]);
    } finally {
      await restarted.dispose();
    }
  });
});
