import { spawn } from 'node:child_process';
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createApiClients } from '../../main/core/api/api-client';
import { startEmulator } from '../../main/emulator';

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
    await writeFile(path, FILE_MB);
    const { access_token: accessToken } = await emulator.control.issueTokens(EMAIL);
    const caseName = await newCaseOf(emulator, accessToken);
    const output = await runWorker({ origin: emulator.url, accessToken, caseName, path });
    return JSON.parse(output) as UploadMemoryFigures;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await emulator.close();
  }
}

/** A file of `megabytes` random-looking bytes, written 1 MB at a time. */
async function writeFile(path: string, megabytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const block = randomBytes(MB);
    for (let i = 0; i < megabytes; i++) await handle.write(block);
  } finally {
    await handle.close();
  }
}

async function newCaseOf(emulator: Awaited<ReturnType<typeof startEmulator>>, accessToken: string): Promise<string> {
  const { cloudSupport, resourceManager } = createApiClients({
    fetch,
    endpoints: emulator.endpoints,
    tokenProvider: { getAccessToken: async () => accessToken, invalidate: () => undefined },
  });
  const customer = emulator.control.data.customers('northwind-reseller.example').find((c) => c.resellerAccess);
  if (!customer) throw new Error('The demo data set has no customer with reseller access.');
  const organization = await resourceManager.findOrganization(customer.customerId);
  if (!organization) throw new Error(`No organization for ${customer.customerId}.`);
  const [classification] = await cloudSupport.searchClassifications('').toArray(1);
  if (!classification) throw new Error('The emulator has no case classification.');
  const created = await cloudSupport.createCase(organization.name, {
    displayName: 'Upload memory bench',
    description: 'A case that receives a 200 MB attachment.',
    classificationId: classification.id,
    priority: 'P4',
  });
  if (!created.name) throw new Error('The created case has no name.');
  return created.name;
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
