import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { isAppError } from '../../shared/app-error';
import type { SyncStatus } from '../../shared/model/account';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { DomainLinks } from '../helpers/domain-links';
import { SimulatedNetworkSignals } from '../helpers/simulated-network-signals';
import { removeDataDir, sentBy, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const DOMAINS = [NORTHWIND_DOMAIN, LUMIERE_DOMAIN] as const;

describe('connectivity of each domain, from its requests and the OS', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let links: DomainLinks;
  let os: SimulatedNetworkSignals;
  /** Per domain: a case whose thread is cached, and one never opened. */
  const cases = new Map<string, { cached: string; uncached: string }>();

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    links = await DomainLinks.create();
    os = new SimulatedNetworkSignals();
    // A long interval: every pass in these tests is one the test or a signal asked for.
    harness = await startCoreHarness({ emulator, links, network: os, syncIntervalMs: 3_600_000 });
    const { core } = harness;
    await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    for (const domain of DOMAINS) {
      await core.handlers['sync:now']({ domain });
      const { rows } = await core.handlers['cases:query']({
        domain,
        filters: EMPTY_CASE_FILTERS,
        sort: { key: 'title', direction: 'asc' },
        offset: 0,
        limit: 10,
      });
      expect(rows.length).toBeGreaterThan(2);
      const cached = rows[0]!.name;
      expect((await core.handlers['case:get']({ domain, name: cached })).source).toBe('network');
      cases.set(domain, { cached, uncached: rows[1]!.name });
    }
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  const status = (domain: string) => harness.core.handlers['sync:status']({ domain });
  /** The next sync:status of `domain` passing `test`, from now on (earlier ones do not count). */
  const statusEvent = (domain: string, test: (status: SyncStatus) => boolean) => {
    const from = harness.events.length;
    return harness.waitForEvent(
      'sync:status',
      (payload) =>
        payload.domain === domain && test(payload) && harness.events.findIndex((e) => e.payload === payload) >= from,
    );
  };
  const since = () => {
    const from = harness.events.length;
    return () => harness.events.slice(from);
  };
  const requestCount = (domain: string) => sentBy(harness, domain);

  it('marks only the domain whose requests get no answer offline, and recovers as soon as one is answered', async () => {
    const { core } = harness;
    const { cached, uncached } = cases.get(NORTHWIND_DOMAIN)!;
    links.cutOff(NORTHWIND_DOMAIN);
    try {
      const failed = await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
      expect(failed).toMatchObject({ state: 'offline', error: { code: 'offline' } });
      // Lumière's requests still get answers: it is not offline, and nothing of Northwind's reached it.
      expect((await core.handlers['sync:now']({ domain: LUMIERE_DOMAIN })).state).toBe('idle');
      expect(
        harness.events.some(
          (e) =>
            e.channel === 'sync:status' &&
            (e.payload as SyncStatus).domain === LUMIERE_DOMAIN &&
            (e.payload as SyncStatus).state === 'offline',
        ),
      ).toBe(false);

      // Offline reading: the saved copy at once, with when it was saved, and why it was not refreshed.
      const events = since();
      const before = requestCount(NORTHWIND_DOMAIN);
      const saved = await core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: cached });
      expect(saved).toMatchObject({ source: 'cache', detail: { name: cached } });
      expect(Date.parse(saved.savedAt ?? '')).toBeLessThanOrEqual(Date.now());
      const refusal = await harness.waitForEvent('case:refreshFailed', (payload) => payload.name === cached);
      expect(refusal).toMatchObject({ domain: NORTHWIND_DOMAIN, error: { code: 'offline' } });
      // An uncached case says so at once: no request is even tried while the domain is offline.
      const uncachedRead = await core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: uncached }).catch(
        (e: unknown) => e,
      );
      expect(isAppError(uncachedRead) && uncachedRead.code).toBe('offline');
      expect(requestCount(NORTHWIND_DOMAIN)).toBe(before);
      expect(events().some((e) => e.channel === 'case:changed')).toBe(false);
    } finally {
      links.restore(NORTHWIND_DOMAIN);
    }
    // The OS says a network is up (not proof): the domain tries at once, its answer brings it back.
    const back = statusEvent(NORTHWIND_DOMAIN, (s) => s.state === 'idle');
    os.say('offline');
    os.say('online');
    await back;
    expect((await status(NORTHWIND_DOMAIN)).state).toBe('idle');
  });

  it('a 500 or 429 on refresh keeps the saved copy, says why, and is not "offline"', async () => {
    const { core } = harness;
    const { cached } = cases.get(LUMIERE_DOMAIN)!;
    for (const kind of ['500', '429'] as const) {
      emulator.control.faults.add({ route: 'cases.get', kind });
      const saved = await core.handlers['case:get']({ domain: LUMIERE_DOMAIN, name: cached });
      expect(saved.source).toBe('cache');
      const refusal = await harness.waitForEvent(
        'case:refreshFailed',
        (payload) => payload.name === cached && payload.error.code === (kind === '500' ? 'server' : 'quota'),
      );
      expect(refusal.domain).toBe(LUMIERE_DOMAIN);
      expect((await status(LUMIERE_DOMAIN)).state).not.toBe('offline');
    }
    emulator.control.faults.clear();
  });

  it('OS offline makes every domain offline and stops their requests; OS online syncs every domain at once', async () => {
    const before = Object.fromEntries(DOMAINS.map((domain) => [domain, requestCount(domain)]));
    const offline = DOMAINS.map((domain) => statusEvent(domain, (s) => s.state === 'offline'));
    os.say('offline');
    await Promise.all(offline);
    for (const domain of DOMAINS) expect((await status(domain)).state).toBe('offline');
    // An uncached case says so without a request.
    const { uncached } = cases.get(LUMIERE_DOMAIN)!;
    await expect(harness.core.handlers['case:get']({ domain: LUMIERE_DOMAIN, name: uncached })).rejects.toMatchObject({
      code: 'offline',
    });
    for (const domain of DOMAINS) expect(requestCount(domain)).toBe(before[domain]);

    // A catch-up pass at once (it reads the customers that fell due meanwhile: none here, the interval is an hour).
    const syncing = DOMAINS.map((domain) => statusEvent(domain, (s) => s.state === 'syncing'));
    const synced = DOMAINS.map((domain) => statusEvent(domain, (s) => s.state === 'idle'));
    os.say('online');
    await Promise.all([...syncing, ...synced]);
  });

  it('sleeping stops the passes; waking syncs every domain at once', async () => {
    const events = since();
    os.say('suspend');
    const before = Object.fromEntries(DOMAINS.map((domain) => [domain, requestCount(domain)]));
    const syncing = DOMAINS.map((domain) => statusEvent(domain, (s) => s.state === 'syncing'));
    const woke = DOMAINS.map((domain) => statusEvent(domain, (s) => s.state === 'idle'));
    // Nothing while asleep; a catch-up pass at once on waking.
    expect(DOMAINS.map(requestCount)).toEqual(DOMAINS.map((domain) => before[domain]));
    os.say('resume');
    await Promise.all([...syncing, ...woke]);
    // Asleep is not offline.
    expect(events().some((e) => e.channel === 'sync:status' && (e.payload as SyncStatus).state === 'offline')).toBe(
      false,
    );
  });

  it('a locked screen holds the passes like sleep; unlocking syncs every domain at once', async () => {
    os.say('lock');
    const before = DOMAINS.map(requestCount);
    const syncing = DOMAINS.map((domain) => statusEvent(domain, (s) => s.state === 'syncing'));
    // A wake while the screen is still locked is no reason to sync yet.
    const events = since();
    os.say('suspend');
    os.say('resume');
    // A pass says `syncing` as it starts, before any request: none started.
    expect(DOMAINS.map(requestCount)).toEqual(before);
    expect(events().some((e) => e.channel === 'sync:status' && (e.payload as SyncStatus).state === 'syncing')).toBe(
      false,
    );
    const woke = DOMAINS.map((domain) => statusEvent(domain, (s) => s.state === 'idle'));
    os.say('unlock');
    await Promise.all([...syncing, ...woke]);
  });
});
