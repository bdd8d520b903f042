import { createApiClients } from '../../main/core/api/api-client';
import { emulatorEndpoints } from '../../main/google-wire/google-types';
import { NodeFileAccess } from '../../main/core/api/node-file-access';

/**
 * Child side of the upload memory bench: uploads one file with the app's client and
 * samples its own memory meanwhile, so the emulator's copy of the file (it keeps
 * attachments in memory) is not counted. Prints one JSON line.
 */
interface WorkerInput {
  origin: string;
  accessToken: string;
  caseName: string;
  path: string;
}

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

async function main(): Promise<void> {
  const input = JSON.parse(process.env.PD_UPLOAD_BENCH ?? '') as WorkerInput;
  const clients = createApiClients({
    fetch,
    endpoints: emulatorEndpoints(input.origin),
    tokenProvider: { getAccessToken: async () => input.accessToken, invalidate: () => undefined },
  });
  const source = await new NodeFileAccess().openForUpload(input.path);
  // Warm up the connection pool and the code paths, so the baseline holds them already.
  await clients.cloudSupport.getCase(input.caseName);
  globalThis.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakArrayBuffers = baseline.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakArrayBuffers = Math.max(peakArrayBuffers, now.arrayBuffers);
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  let lastProgress = 0;
  const started = performance.now();
  const attachment = await clients.cloudSupport.uploadAttachment(input.caseName, source, {
    onProgress: (sent) => {
      lastProgress = sent;
      sample();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  if (Number(attachment.sizeBytes) !== source.size || lastProgress !== source.size) {
    throw new Error(`Upload incomplete: server has ${attachment.sizeBytes} bytes, progress said ${lastProgress}.`);
  }
  process.stdout.write(
    `${JSON.stringify({
      peakMbAboveBaseline: (peakRss - baseline.rss) / MB,
      arrayBuffersPeakMbAboveBaseline: (peakArrayBuffers - baseline.arrayBuffers) / MB,
      fileMb: source.size / MB,
      seconds,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
