import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import type { OsNotification } from '../../main/core/ports';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

describe('AppCore.openCase: a click that started the app, or a partnerdesk:// link', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  const shown: OsNotification[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    harness = await startCoreHarness({ emulator, notifier: { show: (notification) => shown.push(notification) } });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  const opens = () => harness.events.filter((event) => event.channel === 'notification:open').map((e) => e.payload);

  it('opens a signed-in domain’s case, or its tab alone', async () => {
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    const rows = await harness.core.handlers['cases:query']({
      domain: NORTHWIND_DOMAIN,
      filters: { keyword: '', states: [], priorities: [] },
      sort: { key: 'updateTime', direction: 'desc' },
      offset: 0,
      limit: 1,
    });
    const name = rows.rows[0]?.name;
    expect(name).toBeDefined();
    expect(harness.core.openCase(NORTHWIND_DOMAIN, name)).toBe(true);
    expect(harness.core.openCase(NORTHWIND_DOMAIN)).toBe(true);
    expect(opens()).toEqual([{ domain: NORTHWIND_DOMAIN, name }, { domain: NORTHWIND_DOMAIN }]);
  });

  it('refuses, silently, a domain not signed in, a malformed domain or case name', () => {
    const before = opens().length;
    const shownBefore = shown.length;
    expect(harness.core.openCase(LUMIERE_DOMAIN, 'organizations/1/cases/2')).toBe(false);
    expect(harness.core.openCase(NORTHWIND_DOMAIN.toUpperCase())).toBe(false);
    expect(harness.core.openCase(NORTHWIND_DOMAIN, '../../etc/passwd')).toBe(false);
    expect(harness.core.openCase(NORTHWIND_DOMAIN, 'organizations/1/cases/2/attachments/3')).toBe(false);
    expect(opens()).toHaveLength(before);
    // Opening shows nothing (the first sync's summary, if any, came before).
    expect(shown).toHaveLength(shownBefore);
  });
});
