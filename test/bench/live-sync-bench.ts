/**
 * Idle sync cost vs latency (issue 8): one reseller domain of 1,000 customers × 50 cases
 * on the emulator's manual clock, the core on a manual clock in step with it, two hours
 * simulated second by second. Most cases are closed; 30 customers have cases waiting on
 * Google that the emulator's support agent answers about once a minute; 20 have cases
 * waiting on the team; every 10 minutes a case is filed for a quiet customer outside the
 * app (through the API, in another session: the app files none, so cases.create is not counted). Prints the requests the emulator
 * received per hour against naive polling (every customer every minute) and, from each
 * change to the moment the core tells it, the latency: at the Notifier port (once the
 * change detection and the notification center are merged) and until the changed case is
 * in the core's cache (what the schedule alone decides).
 * Run: npm run bench -- live   (CUSTOMERS=1000 CASES=50000 HOURS=2 LIVE_SECONDS=75 by default;
 * SKIP_MEMORY=1 leaves out the memory figure, SKIP_LATENCY=1 the 2 h simulation)
 */
import { CASE_CLASSIFICATIONS, DEMO_USERS, NORTHWIND_DOMAIN, startEmulator } from '../../main/emulator';
import { EmulatorCore, DEFAULT_START_TIME } from '../../main/emulator/emulator-core';
import { listen } from '../../main/emulator/server';
import type { CaseRecord } from '../../main/emulator/store/model';
import { emulatorEndpoints } from '../../main/google-wire/google-types';
import { createApiClients } from '../../main/core/api/api-client';
import type { Notifier, OsNotification } from '../../main/core/ports';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { InFlight } from '../helpers/in-flight';
import { ManualClock } from '../helpers/manual-clock';
import { removeDataDir, startCoreHarness } from '../core/helpers/core-harness';
import { startBundledWorker } from './bench-worker';
import { bundleWorker } from './bundle-worker';
import type { MemoryWorkerInput } from './live-sync-memory-worker';

const customersPerDomain = Number(process.env.CUSTOMERS ?? 1000);
const casesPerDomain = Number(process.env.CASES ?? 50_000);
const hours = Number(process.env.HOURS ?? 2);
/**
 * Real time the live sync runs in the memory worker before each reading: past the minute
 * the first full pass holds the timer for (see SyncLoop.spend), so timed passes run too.
 */
const liveMs = Number(process.env.LIVE_SECONDS ?? 75) * 1000;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** Customers with cases waiting on Google, and with cases waiting on the team only. */
const HOT_CUSTOMERS = 30;
const WARM_CUSTOMERS = 20;
/** A new case for a quiet customer this often, the first one 5 minutes in. */
const NEW_CASE_EVERY_MS = 10 * MINUTE;
/** The clock moves this much between two looks at the core: the latency's resolution. */
const STEP_MS = SECOND;

interface Change {
  name: string;
  customerId: string;
  /** Emulator time of the change (the case's new update time). */
  at: number;
  kind: 'open_case' | 'new_case';
  /** Core time when the cache first held the change. */
  cachedAt?: number;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Most cases closed, `HOT_CUSTOMERS` with four cases each that the agent answers one a minute, `WARM_CUSTOMERS` with one case awaiting the team. */
function shapeData(core: EmulatorCore, start: number) {
  const store = core.store;
  const customers = store
    .customersOf(NORTHWIND_DOMAIN)
    .filter((customer) => customer.resellerAccess && customer.previousResellerDomain === undefined);
  const stride = Math.floor(customers.length / (HOT_CUSTOMERS + WARM_CUSTOMERS));
  const hot = customers.filter((_, i) => i % stride === 0).slice(0, HOT_CUSTOMERS);
  const warm = customers.filter((_, i) => i % stride === 1).slice(0, WARM_CUSTOMERS);
  const busy = new Set([...hot, ...warm].map((customer) => customer.customerId));
  const watched: CaseRecord[] = [];
  for (const customer of store.customersOf(NORTHWIND_DOMAIN)) {
    const cases = [...store.casesOfOrg(customer.orgNumber)];
    cases.forEach((record, index) => {
      delete record.agent;
      record.state = 'CLOSED';
      const hotIndex = hot.indexOf(customer);
      if (hotIndex >= 0 && index < 4) {
        // Slot k*30 + i of the first 2 hours: one answer a minute across the 30 customers.
        const slot = index * HOT_CUSTOMERS + hotIndex;
        record.state = 'IN_PROGRESS_GOOGLE_SUPPORT';
        record.agent = {
          step: slot % 2 === 0 ? 'solve' : 'askInfo',
          dueAt: start + 2 * MINUTE + slot * MINUTE + ((slot * 7_919) % 50) * SECOND,
          asksInfo: false,
        };
        watched.push(record);
      } else if (warm.includes(customer) && index === 0) {
        record.state = 'ACTION_REQUIRED';
      }
    });
  }
  core.agent.load(store);
  const quiet = customers.filter((customer) => !busy.has(customer.customerId));
  return { watched, quiet };
}

/**
 * The core's resident memory after GC while the live sync runs in real time, in a worker
 * of its own (the bundled core under bare Node, as the app's main process), with one, two
 * and three reseller domains of 1,000 × 50 signed in (the scale data set's third domain).
 */
async function measureMemory(): Promise<Record<string, number>> {
  const emulator = await startEmulator({
    dataset: { scale: { customersPerDomain, casesPerDomain, resellerDomains: 3 } },
    rateLimitPerMinute: 1_000_000,
    accessTokenTtlSec: 3600,
  });
  try {
    const bundle = await bundleWorker('live-sync-memory-worker.ts');
    const input: MemoryWorkerInput = { endpoints: emulator.endpoints, liveMs };
    const worker = startBundledWorker(bundle, input);
    const { figures } = (await worker.next('measured')) as { figures: Record<string, number> };
    await worker.exited;
    return figures;
  } finally {
    await emulator.close();
  }
}

export async function benchLiveSync(): Promise<Record<string, number>> {
  const latency = process.env.SKIP_LATENCY ? {} : await measureLatency();
  if (process.env.SKIP_MEMORY) return latency;
  const memory = await measureMemory();
  console.log(JSON.stringify(memory));
  return { ...latency, ...memory };
}

async function measureLatency(): Promise<Record<string, number>> {
  const started = performance.now();
  const emulator = new EmulatorCore({
    dataset: { scale: { customersPerDomain, casesPerDomain } },
    manualClock: true,
    startTime: Date.parse(DEFAULT_START_TIME),
    settings: { rateLimitPerMinute: 1_000_000 },
    agent: true,
  });
  const { server, url } = await listen(emulator, { port: 0, control: false });
  const running = {
    url,
    endpoints: emulatorEndpoints(url),
    control: emulator.control(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const clock = new ManualClock(emulator.clock.now());
  const { watched, quiet } = shapeData(emulator, clock.now());
  const notifications: (OsNotification & { at: number })[] = [];
  const notifier: Notifier = { show: (notification) => notifications.push({ ...notification, at: clock.now() }) };
  const inFlight = new InFlight();
  // The app's own schedule: a 1 ms floor leaves every default interval as it is.
  const harness = await startCoreHarness({
    emulator: running,
    clock,
    links: inFlight,
    notifier,
    syncIntervalMs: 1,
    syncFollowUpMs: 5_000,
  });
  const { core } = harness;
  try {
    await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    const first = await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    if (first.state !== 'idle') throw new Error(`The first sync ended ${first.state}.`);
    console.log(
      `first sync of ${customersPerDomain} customers: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // Cases filed for quiet customers outside the app (another session, as the portal would): not the app's requests.
    const outside = createApiClients({
      fetch: (input, init) => fetch(input, init),
      endpoints: running.endpoints,
      tokenProvider: {
        getAccessToken: async () => emulator.control().issueTokens(DEMO_USERS.alex).access_token,
        invalidate: () => undefined,
      },
    });

    const changes: Change[] = [];
    const lastUpdate = new Map(watched.map((record) => [record, record.updateTime]));
    const customerOf = new Map<CaseRecord, string>(
      watched.map((record) => [record, emulator.store.customerByOrg(record.orgNumber)?.customerId ?? '']),
    );
    const nameOf = (record: CaseRecord) => `organizations/${record.orgNumber}/cases/${record.id}`;
    const cachedUpdate = async (change: Change): Promise<number | undefined> => {
      const { rows } = await core.handlers['cases:query']({
        domain: NORTHWIND_DOMAIN,
        customerId: change.customerId,
        filters: EMPTY_CASE_FILTERS,
        sort: { key: 'updateTime', direction: 'desc' },
        offset: 0,
        limit: 100,
      });
      const row = rows.find((candidate) => candidate.name === change.name);
      return row ? Date.parse(row.updateTime) : undefined;
    };

    const measureFrom = clock.now();
    let idleStatuses = 0;
    let nextNewCase = measureFrom + 5 * MINUTE;
    let quietIndex = 0;
    emulator.log.clear();
    const duration = hours * 60 * MINUTE;
    while (clock.now() < measureFrom + duration) {
      if (clock.now() >= nextNewCase) {
        const customer = quiet[(quietIndex += 37) % quiet.length]!;
        const created = await outside.cloudSupport.createCase(`organizations/${customer.orgNumber}`, {
          displayName: `Shared drive permissions reset #${quietIndex}`,
          description: 'Members lost access to a shared drive this morning.',
          classificationId: CASE_CLASSIFICATIONS[0]!.id,
          priority: 'P3',
        });
        const record = emulator.store.case(created.name!.slice(created.name!.lastIndexOf('/') + 1))!;
        changes.push({ name: created.name!, customerId: customer.customerId, at: record.createTime, kind: 'new_case' });
        watched.push(record);
        lastUpdate.set(record, record.updateTime);
        customerOf.set(record, customer.customerId);
        nextNewCase += NEW_CASE_EVERY_MS;
      }
      emulator.clock.advance(STEP_MS);
      clock.advance(STEP_MS);
      // Let every pass the step started run to its end: no request in flight over two turns.
      for (let calm = 0; calm < 2;) {
        await turn();
        calm = inFlight.count === 0 ? calm + 1 : 0;
      }
      for (const record of watched) {
        if (record.updateTime === lastUpdate.get(record)) continue;
        lastUpdate.set(record, record.updateTime);
        const name = nameOf(record);
        // A change to a case the core does not hold yet is part of that case's discovery.
        if (changes.some((change) => change.name === name && change.kind === 'new_case' && !change.cachedAt)) continue;
        changes.push({ name, customerId: customerOf.get(record)!, at: record.updateTime, kind: 'open_case' });
      }
      const idle = harness.events.filter(
        (event) => event.channel === 'sync:status' && (event.payload as { state: string }).state === 'idle',
      ).length;
      if (idle === idleStatuses) continue;
      idleStatuses = idle;
      for (const change of changes) {
        if (change.cachedAt !== undefined) continue;
        const cached = await cachedUpdate(change);
        if (cached !== undefined && cached >= change.at) change.cachedAt = clock.now();
      }
    }

    const requests = emulator.log.list().filter((entry) => entry.route !== 'cases.create').length;
    const requestsPerHour = requests / hours;
    const naivePerHour = customersPerDomain * 60;
    const figures: Record<string, number> = {
      hours,
      requestsPerHour,
      naivePerHour,
      ratio: naivePerHour / requestsPerHour,
    };
    for (const kind of ['open_case', 'new_case'] as const) {
      const ofKind = changes.filter((change) => change.kind === kind);
      const cached = ofKind.flatMap((change) => (change.cachedAt === undefined ? [] : [change.cachedAt - change.at]));
      const notified = ofKind.flatMap((change) => {
        const first = notifications.find(
          (notification) =>
            notification.domain === NORTHWIND_DOMAIN &&
            notification.caseNames.includes(change.name) &&
            notification.at >= change.at,
        );
        return first ? [first.at - change.at] : [];
      });
      const key = kind === 'open_case' ? 'Open' : 'New';
      figures[`changes${key}`] = ofKind.length;
      figures[`missed${key}`] = ofKind.length - cached.length;
      figures[`cachedP50${key}`] = percentile(cached, 50) / 1000;
      figures[`cachedP95${key}`] = percentile(cached, 95) / 1000;
      if (notified.length > 0) {
        figures[`notifiedP50${key}`] = percentile(notified, 50) / 1000;
        figures[`notifiedP95${key}`] = percentile(notified, 95) / 1000;
      }
    }
    figures.notifications = notifications.length;
    figures.wallSeconds = (performance.now() - started) / 1000;
    console.log(JSON.stringify(figures));
    return figures;
  } finally {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await running.close();
  }
}
