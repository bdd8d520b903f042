import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, startEmulator } from '../../main/emulator';
import { startWorker } from './bench-worker';
import { newUploadCase, writeRandomFile } from './upload-bench-fixtures';

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
 *  - the raw upload (upload-ipc-raw.ts) is one more process: a bare fetch streaming the
 *    same multipart body from disk, nothing else.
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
    const caseName = await newUploadCase(emulator, accessToken, {
      displayName: 'Upload IPC bench',
      description: 'A case that receives 200 MB attachments.',
    });
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
    const rawWorker = startWorker('upload-ipc-raw.ts', { origin: emulator.url, accessToken, caseName, path });
    try {
      await main.next('ready');
      await rawWorker.next('ready');
      const rawRound = async () => {
        rawWorker.send({ type: 'round' });
        raw.push(((await rawWorker.next('done')) as { seconds: number }).seconds);
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
      rawWorker.send({ type: 'quit' });
      await Promise.all([main.exited, rawWorker.exited]);
    } finally {
      main.kill();
      rawWorker.kill();
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
