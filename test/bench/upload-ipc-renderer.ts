import type { InvokeResult } from '../../shared/ipc/contract';
import type { StagedFile, TransferProgress } from '../../shared/model/case-actions';
import { toParent, type BenchMessage } from './bench-worker';
import { MemorySampler } from './memory-sampler';

/**
 * The renderer side of the IPC upload bench: what the app's renderer does to upload a
 * file (files:pick, then attachment:upload by fileId, following transfer:progress), over
 * Node's IPC channel to the main worker. It never holds the file's bytes; it measures
 * its own memory while the upload runs.
 */
const pending = new Map<number, (result: InvokeResult<unknown>) => void>();
let nextId = 1;
let progressEvents = 0;
let currentTransfer = '';
let sampler: MemorySampler | undefined;

function invoke<T>(channel: string, request: unknown): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, (result) =>
      result.ok
        ? resolve(result.value as T)
        : reject(new Error(`${channel}: ${result.error.code}: ${result.error.message}`)),
    );
    toParent({ type: 'invoke', id, channel, request });
  });
}

async function upload(domain: string, caseName: string, transferId: string): Promise<void> {
  const [staged] = await invoke<StagedFile[]>('files:pick', {});
  if (!staged) throw new Error('files:pick staged nothing');
  progressEvents = 0;
  currentTransfer = transferId;
  sampler = MemorySampler.start();
  const started = performance.now();
  const attachment = await invoke<{ sizeBytes: number }>('attachment:upload', {
    domain,
    name: caseName,
    fileId: staged.fileId,
    transferId,
  });
  const seconds = (performance.now() - started) / 1000;
  const peakMb = sampler.stop();
  sampler = undefined;
  if (attachment.sizeBytes !== staged.sizeBytes) {
    throw new Error(`Uploaded ${attachment.sizeBytes} bytes of ${staged.sizeBytes}`);
  }
  toParent({ type: 'uploaded', seconds, peakMb, progressEvents });
}

process.on('message', (message: BenchMessage) => {
  sampler?.sample();
  if (message.type === 'result') {
    const id = Number(message.id);
    pending.get(id)?.(message.result as InvokeResult<unknown>);
    pending.delete(id);
  } else if (message.type === 'event' && message.channel === 'transfer:progress') {
    if ((message.payload as TransferProgress).transferId === currentTransfer) progressEvents++;
  } else if (message.type === 'upload') {
    upload(String(message.domain), String(message.caseName), String(message.transferId)).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  }
});
