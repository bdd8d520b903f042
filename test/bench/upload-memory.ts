import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../main/emulator';
import { newUploadCase, writeRandomFile } from './upload-bench-fixtures';

/**
 * Uploads a 200 MB file with the app's API client and reports the client's peak
 * memory above its baseline (target: < 64 MB, i.e. the file is streamed, never held).
 * The emulator runs here; the client runs in a child process that measures itself.
 */
export interface UploadMemoryFigures {
  peakMbAboveBaseline: number;
  arrayBuffersPeakMbAboveBaseline: number;
  fileMb: number;
  seconds: number;
}

const FILE_MB = 200;
const MB = 1024 * 1024;
const EMAIL = 'alex.morgan@northwind-reseller.example';
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'upload-memory-worker.ts');

export async function measureUploadMemory(): Promise<UploadMemoryFigures> {
  const emulator = await startEmulator({
    dataset: 'demo',
    control: true,
    agent: false,
    maxAttachmentBytes: (FILE_MB + 10) * MB,
    accessTokenTtlSec: 3600,
  });
  const dir = await mkdtemp(join(tmpdir(), 'pd-upload-bench-'));
  try {
    const path = join(dir, 'capture.bin');
    await writeRandomFile(path, FILE_MB);
    const { access_token: accessToken } = await emulator.control.issueTokens(EMAIL);
    const caseName = await newUploadCase(emulator, accessToken, {
      displayName: 'Upload memory bench',
      description: 'A case that receives a 200 MB attachment.',
    });
    const output = await runWorker({ origin: emulator.url, accessToken, caseName, path });
    return JSON.parse(output) as UploadMemoryFigures;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  }
}

function runWorker(input: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', WORKER], {
      env: { ...process.env, PD_UPLOAD_BENCH: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output.trim().split('\n').pop() ?? '');
      else reject(new Error(`The upload worker exited with code ${String(code)}.`));
    });
  });
}
