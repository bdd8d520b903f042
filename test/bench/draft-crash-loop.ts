import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createDraftSaver } from '../../renderer/store/draft-saver';
import { draftHandlers } from '../../main/core/ipc/handlers/drafts';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { silentLogger } from '../../main/core/ports';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DomainDatabase } from '../../main/core/storage/domain-database';
import { DraftStore } from '../../main/core/storage/draft-store';
import type { InvokeHandlers } from '../../shared/ipc/contract';
import { BENCH_DRAFTS_DOMAIN, openBenchDrafts } from './bench-domain-drafts';
import { percentile } from './emulator-timing-stats';

/**
 * Crash loop: a child process types into drafts (each change a committed transaction,
 * acknowledged on stdout only after the commit), and is killed with SIGKILL at a random
 * moment; after each kill the database is reopened as the app opens it, and every
 * acknowledged change must be there (the draft at that revision or later, with that
 * text when at that revision) and the file must pass quick_check without quarantine.
 * One run in ten is killed before the child is ready (while it opens and migrates).
 * Bounded: ITERATIONS, or TIME_BUDGET_MS, whichever comes first; the count run is reported.
 *
 * Then the keystroke figure: renderer DraftSaver → contract-checked dispatcher →
 * DomainDrafts commit (synchronous=FULL) → acknowledgement, per keystroke, on a real file.
 */
export interface DraftCrashFigures {
  iterations: number;
  acknowledged: number;
  lost: number;
  corrupt: number;
  keystrokes: number;
  ackP50Ms: number;
  ackP95Ms: number;
}

const ITERATIONS = Number(process.env.PD_CRASH_ITERATIONS ?? 1_000);
const TIME_BUDGET_MS = Number(process.env.PD_CRASH_BUDGET_MS ?? 10 * 60_000);
const DOMAIN = BENCH_DRAFTS_DOMAIN;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KEYSTROKES = 200;
/** A fast typist: a key every 60 ms. */
const TYPING_INTERVAL_MS = 60;

interface Ack {
  revision: number;
  length: number;
  tail: string;
}

export async function benchDraftCrashLoop(): Promise<DraftCrashFigures> {
  const workDir = mkdtempSync(join(tmpdir(), 'pd-crash-'));
  try {
    // Inside the checkout (not out/, which a build empties), so that it finds better-sqlite3 in node_modules.
    const worker = join(ROOT, 'test-output', 'bench', 'draft-crash-worker.mjs');
    await build({
      entryPoints: [join(ROOT, 'test/bench/draft-crash-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: worker,
      external: ['better-sqlite3'],
      logLevel: 'warning',
    });
    const dataDir = join(workDir, 'data');
    const lastAck = new Map<string, Ack>();
    let acknowledged = 0;
    let lost = 0;
    let corrupt = 0;
    let iterations = 0;
    const started = performance.now();
    while (iterations < ITERATIONS && performance.now() - started < TIME_BUDGET_MS) {
      iterations += 1;
      const acks = await runAndKill(worker, dataDir, iterations, iterations % 10 === 0);
      for (const [id, ack] of acks) {
        acknowledged += ack.count;
        lastAck.set(id, ack.last);
      }
      const check = await verify(dataDir, lastAck);
      lost += check.lost;
      if (check.corrupt) corrupt += 1;
      if (iterations % 100 === 0) {
        console.log(`${iterations} kills, ${acknowledged} acknowledged changes, ${lost} lost, ${corrupt} corrupt`);
      }
    }
    const keystrokes = await keystrokeToAck(join(workDir, 'typing'));
    console.log(
      `crash loop: ${iterations} iterations, ${acknowledged} acknowledged, ${lost} lost, ${corrupt} corrupt; ` +
        `keystroke → durable ack p50 ${keystrokes.p50.toFixed(2)} ms, p95 ${keystrokes.p95.toFixed(2)} ms`,
    );
    return {
      iterations,
      acknowledged,
      lost,
      corrupt,
      keystrokes: KEYSTROKES,
      ackP50Ms: keystrokes.p50,
      ackP95Ms: keystrokes.p95,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Runs the child and kills it at a random moment; resolves with what it acknowledged, per draft. */
function runAndKill(
  worker: string,
  dataDir: string,
  seed: number,
  duringOpen: boolean,
): Promise<Map<string, { count: number; last: Ack }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir, String(seed * 7919)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acks = new Map<string, { count: number; last: Ack }>();
    let pending = '';
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const killSoon = (maxMs: number) => {
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), Math.random() * maxMs);
    };
    const take = (line: string) => {
      if (line === 'READY') return killSoon(100);
      const match = /^ACK (\S+) (\d+) (\d+) (.*)$/.exec(line);
      if (!match) return;
      const [, id, revision, length, tail] = match;
      const ack = { revision: Number(revision), length: Number(length), tail: JSON.parse(tail!) as string };
      const entry = acks.get(id!);
      acks.set(id!, { count: (entry?.count ?? 0) + 1, last: ack });
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(take);
    });
    if (duringOpen) killSoon(60);
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (killTimer) clearTimeout(killTimer);
      take(pending);
      if (signal !== 'SIGKILL') reject(new Error(`the crash worker ended by itself (code ${String(code)})`));
      else resolve(acks);
    });
  });
}

/** Reopens the database as the app does; counts acknowledged changes missing from it. */
async function verify(dataDir: string, lastAck: Map<string, Ack>): Promise<{ lost: number; corrupt: boolean }> {
  const { database, recovery } = await DomainDatabase.open({
    file: databaseFilePath(dataDir, DOMAIN),
    domain: DOMAIN,
    now: () => Date.now(),
    log: silentLogger,
  });
  try {
    const corrupt = recovery !== null || database.sql.pragma('quick_check', { simple: true }) !== 'ok';
    if (recovery) console.log(`CORRUPT: ${recovery.reason}`);
    const store = new DraftStore(database);
    let lost = 0;
    for (const [id, ack] of lastAck) {
      const row = store.get(id);
      if (!row || row.revision < ack.revision) {
        lost += 1;
        console.log(`LOST: ${id} acknowledged at revision ${ack.revision}, found ${row?.revision ?? 'nothing'}`);
        continue;
      }
      if (row.revision === ack.revision) {
        const content = JSON.parse(row.content) as { body?: string; details?: string };
        const text = content.body ?? content.details ?? '';
        if (text.length !== ack.length || !text.endsWith(ack.tail)) {
          lost += 1;
          console.log(`LOST: ${id} at revision ${ack.revision} holds other text`);
        }
      }
    }
    return { lost, corrupt };
  } finally {
    database.close();
  }
}

/** Keystroke → durable acknowledgement through the renderer's saver and the contract's dispatcher. */
async function keystrokeToAck(dataDir: string): Promise<{ p50: number; p95: number }> {
  const { database, drafts } = await openBenchDrafts(dataDir);
  const handlers = draftHandlers({ requireSession: () => ({ drafts }), otherSessions: () => [] });
  const dispatch = createInvokeDispatcher(handlers as unknown as InvokeHandlers);
  const client = createPartnerDeskClient({
    invoke: (channel, request) => dispatch(channel, request),
    on: () => 0,
    off: () => undefined,
    stageDroppedFile: () => Promise.reject(new Error('no files')),
  });
  // A frame: what requestAnimationFrame waits at most at 60 Hz.
  const saver = createDraftSaver(client, (send) => setTimeout(send, 16));
  const id = 'typing-bench-draft';
  const samples: number[] = [];
  let text = '';
  try {
    for (let i = 0; i < KEYSTROKES; i += 1) {
      text += String.fromCharCode(97 + (i % 26));
      const typedAt = performance.now();
      saver.save(DOMAIN, id, { kind: 'comment', caseName: 'organizations/1/cases/1', body: text });
      // Keys come slower than a frame plus a commit: each is its own save, revision i + 1.
      while ((saver.acknowledged(id) ?? 0) < i + 1) await new Promise((resolve) => setImmediate(resolve));
      samples.push(performance.now() - typedAt);
      await new Promise((resolve) => setTimeout(resolve, TYPING_INTERVAL_MS));
    }
  } finally {
    database.close();
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}
