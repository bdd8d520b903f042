import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, runFaultSoak } from './helpers/fault-soak';

/**
 * The fault soak of `npm run bench -- fault`, short: 100 actions per domain, a fixed seed
 * (PD_FAULT_SOAK_SEED picks another). Bounded by the count of actions, not by time, and
 * it waits for the outbox to drain before counting, so a slow machine only takes longer.
 */
const SEED = Number(process.env.PD_FAULT_SOAK_SEED ?? 9);

describe('fault soak: 20 % of requests faulted while a user works two domains', () => {
  it('loses nothing, duplicates nothing, explains every failure and never crashes', async () => {
    const report = await runFaultSoak({ seed: SEED, actionsPerDomain: 100, workMs: Infinity });
    console.log(
      `fault soak, seed ${SEED}: ${report.requests} requests, ${report.faulted} faulted; ` +
        ACTION_KINDS.map((kind) => `${kind} ${report.kinds[kind].done}/${report.kinds[kind].attempted}`).join(', '),
    );

    expect(report.unexplainedDetails).toEqual([]);
    for (const kind of ACTION_KINDS) {
      const counts = report.kinds[kind];
      expect(counts.attempted, kind).toBeGreaterThan(0);
      expect(counts.unexplained, kind).toBe(0);
      expect(counts.done + counts.explained, kind).toBe(counts.attempted);
    }
    expect(report.kinds.case.attempted + report.kinds.message.attempted).toBeGreaterThanOrEqual(40);
    expect({
      duplicateCases: report.duplicateCases,
      duplicateMessages: report.duplicateMessages,
      duplicateFiles: report.duplicateFiles,
      lostSubmissions: report.lostSubmissions,
      landedButRefused: report.landedButRefused,
      stillQueued: report.stillQueued,
      syncNotSettled: report.syncNotSettled,
      casesMissingInApp: report.casesMissingInApp,
      lostDrafts: report.lostDrafts,
      filesMismatched: report.filesMismatched,
      crashes: report.crashes,
      contractMismatches: report.contractMismatches,
    }).toEqual({
      duplicateCases: 0,
      duplicateMessages: 0,
      duplicateFiles: 0,
      lostSubmissions: 0,
      landedButRefused: 0,
      stillQueued: 0,
      syncNotSettled: 0,
      casesMissingInApp: 0,
      lostDrafts: 0,
      filesMismatched: 0,
      crashes: 0,
      contractMismatches: 0,
    });
    expect(report.draftsChecked).toBeGreaterThan(0);
    expect(report.filesMatching).toBe(report.filesUploaded);
    expect(report.filesUploaded).toBeGreaterThan(0);
    // The faults did happen, of every kind, on about a fifth of the requests.
    expect(report.faulted / report.requests).toBeGreaterThan(0.12);
    expect(report.faulted / report.requests).toBeLessThan(0.28);
    for (const [kind, count] of Object.entries(report.faultedByKind)) expect(count, kind).toBeGreaterThan(0);
  }, 240_000);
});
