import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN, DEMO_USERS, startEmulator, type FaultRule } from '../../main/emulator';
import type { OutboxItem, OutboxSubmission } from '../../shared/model/outbox';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { FastClock } from '../api/helpers/instant-clock';
import { newCase } from '../core/helpers/case-action-fixtures';
import { removeDataDir, startCoreHarness, type CoreHarness } from '../core/helpers/core-harness';

/**
 * Duplicate soak: the outbox sends new cases and messages for two domains while the
 * emulator drops the connection after commit, drops it before commit, answers 500 or 503
 * on a random (seeded) 30 % of the Cloud Support requests, and delays another 30 %. Then,
 * faults cleared and the outbox drained, every reference is counted on the server.
 * Targets: duplicates 0 (a reference stored twice), lost 0 (a submission not stored).
 */

/** 2 × 260 = 520 items, over the 500; PD_SOAK_ITEMS sets another count for a quick look. */
const ITEMS_PER_DOMAIN = Number(process.env.PD_SOAK_ITEMS ?? 260);
/** Submissions in flight per domain (each outbox:submit waits for its first attempt). */
const CONCURRENCY = 4;
/** Seeded shares of the faulted requests: together 1 − 0.89·0.92·0.92·0.93 ≈ 30 %. */
const FAULTS: FaultRule[] = [
  { route: 'cases.*', kind: 'drop-after-commit', probability: 0.11, seed: 11 },
  { route: 'cases.*', kind: 'drop-before-commit', probability: 0.08, seed: 23 },
  { route: 'cases.*', kind: '500', probability: 0.08, seed: 37 },
  { route: 'cases.*', kind: '503', probability: 0.07, seed: 41 },
  { route: 'cases.*', kind: 'latency', latencyMs: 25, probability: 0.3, seed: 53 },
];
/** How long the faults last at most; the rest of the queue then drains without them. */
const FAULT_PHASE_MS = 150_000;
const DRAIN_DEADLINE_MS = 60_000;
/** The client's waits (read backoffs, the outbox timer) run this much faster. */
const CLOCK_FACTOR = 20;

interface DomainRun {
  domain: string;
  harness: CoreHarness;
  items: OutboxItem[];
  refused: unknown[];
}

export async function benchOutboxSoak(): Promise<Record<string, number>> {
  const emulator = await startEmulator({
    dataset: 'demo',
    control: true,
    agent: false,
    indexingDelayMs: 0,
    rateLimitPerMinute: 1_000_000,
  });
  const clock = new FastClock(CLOCK_FACTOR);
  const harness = await startCoreHarness({
    emulator,
    clock,
    syncIntervalMs: 3_600_000_000,
    outboxRetry: { initialMs: 1_000, maxMs: 8_000 },
  });
  const started = Date.now();
  try {
    const users: Record<string, string> = { [NORTHWIND_DOMAIN]: DEMO_USERS.alex, [LUMIERE_DOMAIN]: DEMO_USERS.claire };
    const runs: DomainRun[] = [];
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      await harness.core.handlers['account:signIn']({ domain, loginHint: users[domain] });
      await harness.core.handlers['sync:now']({ domain });
      runs.push({ domain, harness, items: [], refused: [] });
    }
    const plans = await Promise.all(runs.map((run) => plan(run)));
    emulator.control.clearRequestLog();
    for (const rule of FAULTS) emulator.control.faults.add(rule);
    const faultsEnd = Date.now() + FAULT_PHASE_MS;
    await Promise.all(runs.map((run, index) => submitAll(run, plans[index]!)));
    // Queued items go on under the faults, by the outbox's own timer.
    while (Date.now() < faultsEnd && (await unsent(runs)) > 0) await pause(250);
    const log = emulator.control.requestLog().filter((entry) => entry.route.startsWith('cases.'));
    const faulted = log.filter((entry) => entry.status === 0 || entry.status >= 500).length;
    emulator.control.faults.clear();
    for (const run of runs) harness.core.connectivityFor(run.domain).retryNow();
    const drainEnd = Date.now() + DRAIN_DEADLINE_MS;
    while (Date.now() < drainEnd && (await unsent(runs)) > 0) await pause(100);

    let submitted = 0;
    let sent = 0;
    let failed = 0;
    let duplicates = 0;
    let lost = 0;
    for (const run of runs) {
      const texts = emulator.control.data.texts(run.domain).flatMap((text) => [text.description, ...text.comments]);
      const counts = new Map<string, number>();
      for (const text of texts) {
        for (const match of text.matchAll(/\[(PD-[0-9A-Z]{6})\]/g)) {
          counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
        }
      }
      const final = await harness.core.handlers['outbox:list']({ domain: run.domain });
      const states = new Map(final.map((item) => [item.id, item.state]));
      for (const item of run.items) {
        submitted += 1;
        const stored = counts.get(item.reference) ?? 0;
        // Sent items beyond the newest few leave the outbox's list.
        if (states.get(item.id) === 'sent' || !states.has(item.id)) sent += 1;
        if (states.get(item.id) === 'failed') failed += 1;
        if (stored > 1) duplicates += stored - 1;
        if (stored === 0) lost += 1;
      }
    }
    const figures = {
      submitted,
      refusedAtOnce: runs.reduce((sum, run) => sum + run.refused.length, 0),
      sent,
      failed,
      duplicates,
      lost,
      requests: log.length,
      faultedShare: log.length ? faulted / log.length : 0,
      foundByReference: harness.warnings.filter((line) => line.includes('had reached Google')).length,
      seconds: (Date.now() - started) / 1000,
    };
    console.log(
      `outbox soak: ${sent}/${submitted} sent, ${duplicates} duplicate(s), ${lost} lost, ${failed} refused; ` +
        `${figures.foundByReference} found by reference; ${log.length} requests, ${(figures.faultedShare * 100).toFixed(1)} % faulted`,
    );
    return figures;
  } finally {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  }
}

/** Half new cases, half messages on the domain's open cases, interleaved. */
async function plan(run: DomainRun): Promise<OutboxSubmission[]> {
  const { handlers } = run.harness.core;
  const emulatorCustomers = (await handlers['customers:list']({ domain: run.domain })).filter(
    (customer) => customer.access === 'granted' && customer.organization,
  );
  const openCases: string[] = [];
  for (const customer of emulatorCustomers) {
    const rows = (
      await handlers['cases:query']({
        domain: run.domain,
        customerId: customer.customerId,
        filters: EMPTY_CASE_FILTERS,
        sort: DEFAULT_CASE_SORT,
        offset: 0,
        limit: 1000,
      })
    ).rows;
    openCases.push(...rows.filter((row) => row.state !== 'CLOSED').map((row) => row.name));
  }
  if (openCases.length === 0 || emulatorCustomers.length === 0)
    throw new Error(`${run.domain} has nothing to write on`);
  return Array.from({ length: ITEMS_PER_DOMAIN }, (_, index): OutboxSubmission => {
    if (index % 2 === 0) {
      const customer = emulatorCustomers[(index / 2) % emulatorCustomers.length]!;
      return { kind: 'new_case', newCase: newCase(customer.customerId) };
    }
    return { kind: 'comment', caseName: openCases[index % openCases.length]!, body: `Soak message ${index}.` };
  });
}

async function submitAll(run: DomainRun, submissions: OutboxSubmission[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < submissions.length) {
      const submission = submissions[next]!;
      next += 1;
      try {
        run.items.push(
          await run.harness.core.handlers['outbox:submit']({ domain: run.domain, draftId: null, submission }),
        );
      } catch (error) {
        // Refused at once: the user is told and keeps the draft; nothing is queued to lose.
        run.refused.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function unsent(runs: DomainRun[]): Promise<number> {
  let count = 0;
  for (const run of runs) {
    const items = await run.harness.core.handlers['outbox:list']({ domain: run.domain });
    count += items.filter((item) => item.state === 'queued' || item.state === 'sending').length;
  }
  return count;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
