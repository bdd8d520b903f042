import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median } from './emulator-timing-stats';

/**
 * How fast the emulator is up, always in fresh processes so module loading counts:
 * - coldStartMs: the emulator bundled as the app ships it (esbuild, CJS, Node), then
 *   require + startEmulator({ dataset: 'demo' }) until it listens — what demo mode costs
 *   inside the running app;
 * - cliStartMs: the CLI bundled by esbuild and run by plain `node` (what `npm run emulator`
 *   runs) from spawn until it prints its URL; cliFirstResponseMs until its first 200 answer;
 * - nodeBootMs: `node -e ""` from spawn to exit, the floor every child pays here.
 * Each is the median of RUNS runs.
 */
export interface EmulatorStartupFigures {
  coldStartMs: number;
  cliStartMs: number;
  cliFirstResponseMs: number;
  /** Of coldStartMs, the part spent loading the bundle. */
  moduleLoadMs: number;
  nodeBootMs: number;
}

const RUNS = 5;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+/;
const CHILD_TIMEOUT_MS = 30_000;

/** The in-process probe: times require + startEmulator, prints the split as JSON. */
const PROBE = `
const t0 = performance.now();
const { startEmulator } = require(process.argv[2]);
const t1 = performance.now();
startEmulator({ dataset: 'demo' }).then(async (emulator) => {
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, startMs: t2 - t1 }) + '\\n');
  await emulator.close();
});
`;

export async function benchEmulatorStartup(): Promise<EmulatorStartupFigures> {
  const work = mkdtempSync(join(tmpdir(), 'pd-bench-startup-'));
  try {
    const bundle = join(work, 'emulator.cjs');
    const bundledCli = join(work, 'cli.cjs');
    const probe = join(work, 'probe.cjs');
    await bundleForNode(join(ROOT, 'main', 'emulator', 'index.ts'), bundle);
    await bundleForNode(join(ROOT, 'main', 'emulator', 'cli.ts'), bundledCli);
    writeFileSync(probe, PROBE);

    const cold: { loadMs: number; startMs: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) cold.push(await coldStart(probe, bundle));
    const cli: { urlMs: number; firstResponseMs: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) cli.push(await cliStart([bundledCli]));
    const nodeBoot: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      await runToEnd(process.execPath, ['-e', '']);
      nodeBoot.push(performance.now() - started);
    }

    return {
      coldStartMs: median(cold.map((run) => run.loadMs + run.startMs)),
      moduleLoadMs: median(cold.map((run) => run.loadMs)),
      cliStartMs: median(cli.map((run) => run.urlMs)),
      cliFirstResponseMs: median(cli.map((run) => run.firstResponseMs)),
      nodeBootMs: median(nodeBoot),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Bundles an entry point the way build/bundle.mjs bundles the app's main process. */
async function bundleForNode(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}

async function coldStart(probe: string, bundle: string): Promise<{ loadMs: number; startMs: number }> {
  const output = await runToEnd(process.execPath, [probe, bundle]);
  const parsed: unknown = JSON.parse(output.trim().split('\n').pop() ?? '');
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('loadMs' in parsed) ||
    !('startMs' in parsed) ||
    typeof parsed.loadMs !== 'number' ||
    typeof parsed.startMs !== 'number'
  ) {
    throw new Error(`The start-up probe printed no timings: ${output}`);
  }
  return { loadMs: parsed.loadMs, startMs: parsed.startMs };
}

function runToEnd(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${args.join(' ')} exited with ${String(code)}: ${stderr}`));
    });
  });
}

/** Spawns `node <command> --port 0` and times it to its printed URL, then to its first 200. */
async function cliStart(command: string[]): Promise<{ urlMs: number; firstResponseMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...command, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`The emulator CLI printed no URL: ${seen}`)), CHILD_TIMEOUT_MS);
      const look = (chunk: string): void => {
        seen += chunk;
        const match = URL_PATTERN.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      child.stdout.setEncoding('utf8').on('data', look);
      child.stderr.setEncoding('utf8').on('data', look);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`The emulator CLI exited with ${String(code)}: ${seen}`)));
    });
    const urlMs = performance.now() - started;
    await firstOkResponse(url);
    return { urlMs, firstResponseMs: performance.now() - started };
  } finally {
    await stop(child);
  }
}

/** Polls the OAuth sign-in page, which needs no token, until it answers 200. */
async function firstOkResponse(origin: string): Promise<void> {
  const deadline = performance.now() + CHILD_TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(`${origin}/o/oauth2/v2/auth?${SIGN_IN_QUERY}`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not accepting connections yet.
    }
    if (performance.now() > deadline) throw new Error('The emulator CLI never answered 200.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const SIGN_IN_QUERY = new URLSearchParams({
  client_id: 'partner-desk-demo.apps.googleusercontent.com',
  redirect_uri: 'http://127.0.0.1:1/',
  response_type: 'code',
  scope: 'openid email',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGEqsOZ5Ik',
  code_challenge_method: 'S256',
}).toString();

function stop(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGTERM');
  });
}
