import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClients } from '../../main/core/api/api-client';
import { DEMO_USERS, NORTHWIND_DOMAIN, startEmulator } from '../../main/emulator';
import { startWorker } from './bench-worker';

/**
 * A 200 MB upload through the whole IPC path, against a raw loopback upload of the same
 * file to the same emulator in the same run. Three processes, as in the app:
 *  - this one runs the emulator only (it keeps every attachment in memory, so it is
 *    never the one measured);
 *  - the "main" worker (upload-ipc-main.ts) runs the app core behind the invoke
 *    dispatcher, as Electron's main process does, and samples its own memory;
 *  - the "renderer" worker (upload-ipc-renderer.ts), its child over Node's IPC channel
 *    (structured-clone messages, as Electron IPC), sends files:pick then
 *    attachment:upload, receives transfer:progress, and samples its own memory. It
 *    never holds file bytes; what it measures is what the requesting side pays.
 *  - the raw upload (upload-ipc-raw.ts) is one more process: fetch streaming the same
 *    multipart body from disk, nothing else.
 * Rounds alternate which goes first; the ratio compares the median durations.
 */
export interface UploadIpcFigures {
  fileMb: number;
  rounds: number;
  rawMbPerSecond: number;
  ipcMbPerSecond: number;
  throughputRatio: number;
  mainPeakMbAboveBaseline: number;
  rendererPeakMbAboveBaseline: number;
  progressEventsPerUpload: number;
}

const FILE_MB = 200;
const ROUNDS = 4;
const MB = 1024 * 1024;

export async function benchUploadIpc(): Promise<UploadIpcFigures> {
  const emulator = await startEmulator({
    dataset: 'demo',
    control: true,
    agent: false,
    maxAttachmentBytes: (FILE_MB + 10) * MB,
    rateLimitPerMinute: 10_000,
    accessTokenTtlSec: 3600,
  });
  const dir = await mkdtemp(join(tmpdir(), 'pd-upload-ipc-bench-'));
  try {
    const path = join(dir, 'capture.bin');
    await writeRandomFile(path, FILE_MB);
    const { access_token: accessToken } = emulator.control.issueTokens(DEMO_USERS.alex);
    const caseName = await newCase(emulator, accessToken);
    const raw: number[] = [];
    const ipc: number[] = [];
    let mainPeak = 0;
    let rendererPeak = 0;
    let progressEvents = 0;
    const main = startWorker('upload-ipc-main.ts', {
      origin: emulator.url,
      caseName,
      path,
      dataDir: join(dir, 'core'),
      maxAttachmentBytes: (FILE_MB + 10) * MB,
    });
    try {
      await main.next('ready');
      const rawRound = async () => {
        const rawRun = startWorker('upload-ipc-raw.ts', { origin: emulator.url, accessToken, caseName, path });
        raw.push(((await rawRun.next('done')) as { seconds: number }).seconds);
        await rawRun.exited;
      };
      const ipcRound = async (round: number) => {
        main.send({ type: 'round', transferId: `bench-${round}` });
        const result = (await main.next('round-done')) as {
          seconds: number;
          mainPeakMb: number;
          rendererPeakMb: number;
          progressEvents: number;
        };
        ipc.push(result.seconds);
        mainPeak = Math.max(mainPeak, result.mainPeakMb);
        rendererPeak = Math.max(rendererPeak, result.rendererPeakMb);
        progressEvents = Math.max(progressEvents, result.progressEvents);
      };
      // Alternating which goes first, so neither always meets the emulator's heap in the same state.
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          await rawRound();
          await ipcRound(round);
        } else {
          await ipcRound(round);
          await rawRound();
        }
      }
      main.send({ type: 'quit' });
      await main.exited;
    } finally {
      main.kill();
    }
    const rawSeconds = median(raw);
    const ipcSeconds = median(ipc);
    return {
      fileMb: FILE_MB,
      rounds: ROUNDS,
      rawMbPerSecond: FILE_MB / rawSeconds,
      ipcMbPerSecond: FILE_MB / ipcSeconds,
      throughputRatio: rawSeconds / ipcSeconds,
      mainPeakMbAboveBaseline: mainPeak,
      rendererPeakMbAboveBaseline: rendererPeak,
      progressEventsPerUpload: progressEvents,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
}

async function writeRandomFile(path: string, megabytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const block = randomBytes(MB);
    for (let i = 0; i < megabytes; i++) await handle.write(block);
  } finally {
    await handle.close();
  }
}

async function newCase(emulator: Awaited<ReturnType<typeof startEmulator>>, accessToken: string): Promise<string> {
  const { cloudSupport, resourceManager } = createApiClients({
    fetch,
    endpoints: emulator.endpoints,
    tokenProvider: { getAccessToken: async () => accessToken, invalidate: () => undefined },
  });
  const customer = emulator.control.data.customers(NORTHWIND_DOMAIN).find((c) => c.resellerAccess);
  if (!customer) throw new Error('The demo data set has no customer with reseller access.');
  const organization = await resourceManager.findOrganization(customer.customerId);
  if (!organization) throw new Error(`No organization for ${customer.customerId}.`);
  const [classification] = await cloudSupport.searchClassifications('').toArray(1);
  if (!classification) throw new Error('The emulator has no case classification.');
  const created = await cloudSupport.createCase(organization.name, {
    displayName: 'Upload IPC bench',
    description: 'A case that receives 200 MB attachments.',
    classificationId: classification.id,
    priority: 'P4',
  });
  if (!created.name) throw new Error('The created case has no name.');
  return created.name;
}
