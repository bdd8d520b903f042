import { ACTION_KINDS, runFaultSoak } from '../core/helpers/fault-soak';

/**
 * Fault soak (issue 9): a scripted user works two domains at once through the renderer's
 * client and the invoke dispatcher of a real AppCore, while the emulator faults 20 % of
 * the requests (429 with Retry-After, 500, 503, drops before and after commit, latency);
 * then, faults off and everything settled, each action is done or explained, the server
 * is counted by reference and sha256, the drafts against what was typed. The scenario
 * lives in test/core/helpers/fault-soak.ts; test/core/fault-soak.test.ts runs a short one.
 *
 * PD_FAULT_SOAK_SECONDS: how long the user works (default 150 s, then ~10 s to settle);
 * PD_FAULT_SOAK_SEED: replays a run's choices and fault draws (default: from the clock, printed).
 */
const WORK_SECONDS = Number(process.env.PD_FAULT_SOAK_SECONDS ?? 150);

export async function benchFaultSoak(): Promise<Record<string, number>> {
  const seed = Number(process.env.PD_FAULT_SOAK_SEED ?? Date.now() % 1_000_000);
  console.log(`fault soak: seed ${seed} (PD_FAULT_SOAK_SEED=${seed} replays its choices), ${WORK_SECONDS} s of work`);
  const report = await runFaultSoak({
    seed,
    actionsPerDomain: Number.MAX_SAFE_INTEGER,
    workMs: WORK_SECONDS * 1000,
    log: (line) => console.log(line),
  });
  const figures: Record<string, number> = {};
  let attempted = 0;
  let unexplained = 0;
  for (const kind of ACTION_KINDS) {
    const counts = report.kinds[kind];
    attempted += counts.attempted;
    unexplained += counts.unexplained;
    figures[`${kind}Attempted`] = counts.attempted;
    figures[`${kind}Done`] = counts.done;
    figures[`${kind}Explained`] = counts.explained;
    console.log(
      `  ${kind.padEnd(8)} ${counts.attempted} attempted, ${counts.done} done, ${counts.explained} explained, ${counts.unexplained} unexplained`,
    );
  }
  for (const [code, count] of Object.entries(report.explainedCodes)) console.log(`  explained: ${count} × ${code}`);
  for (const line of report.unexplainedDetails) console.log(`  UNEXPLAINED: ${line}`);
  console.log(
    `  requests ${report.requests}, faulted ${report.faulted}: ` +
      Object.entries(report.faultedByKind)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', '),
  );
  return {
    ...figures,
    seed,
    attempted,
    unexplained,
    duplicates: report.duplicateCases + report.duplicateMessages + report.duplicateFiles,
    duplicateCases: report.duplicateCases,
    duplicateMessages: report.duplicateMessages,
    lost: report.lostSubmissions + report.filesMismatched,
    landedButRefused: report.landedButRefused,
    casesMissingInApp: report.casesMissingInApp,
    stillQueued: report.stillQueued + report.syncNotSettled,
    keystrokes: report.keystrokes,
    draftsChecked: report.draftsChecked,
    lostDrafts: report.lostDrafts,
    filesUploaded: report.filesUploaded,
    filesMatching: report.filesMatching,
    crashes: report.crashes,
    contractMismatches: report.contractMismatches,
    requests: report.requests,
    faulted: report.faulted,
    faultedShare: report.requests ? report.faulted / report.requests : 0,
    ...Object.fromEntries(Object.entries(report.faultedByKind).map(([kind, count]) => [`faulted_${kind}`, count])),
    seconds: report.seconds,
  };
}
