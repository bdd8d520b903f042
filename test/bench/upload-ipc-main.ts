import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createAppCore } from '../../main/core/app-core';
import { emulatorEndpoints } from '../../main/google-wire/google-types';
import { NodeFileAccess } from '../../main/core/api/node-file-access';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { systemClock } from '../../main/core/ports';
import { DEMO_OAUTH_CLIENT_ID, DEMO_USERS, NORTHWIND_DOMAIN } from '../../main/emulator';
import { fakeBrowser } from '../core/helpers/browser-sign-in';
import { MemoryKeyValueStore, MemorySecretStore } from '../core/helpers/memory-stores';
import { ScriptedFileDialogs } from '../core/helpers/scripted-file-dialogs';
import { benchInput, startWorker, toParent, type BenchMessage } from './bench-worker';
import { MemorySampler } from './memory-sampler';

/**
 * The main-process side of the IPC upload bench: the app core behind the invoke
 * dispatcher, exactly as main/index.ts wires it, answering a renderer child over Node's
 * IPC channel. It measures its own memory while the renderer's upload runs.
 */
interface MainInput {
  origin: string;
  caseName: string;
  path: string;
  dataDir: string;
  maxAttachmentBytes: number;
}

const WARM_UP_BYTES = 4 * 1024 * 1024;

async function main(): Promise<void> {
  const input = benchInput<MainInput>();
  const dialogs = new ScriptedFileDialogs();
  const core = createAppCore({
    backend: { kind: 'demo', endpoints: emulatorEndpoints(input.origin), oauthClientId: DEMO_OAUTH_CLIENT_ID },
    ports: {
      fetchForDomain: () => fetch,
      clearDomainData: async () => undefined,
      secrets: new MemorySecretStore(),
      store: new MemoryKeyValueStore(),
      clock: systemClock,
      openExternal: fakeBrowser(() => DEMO_USERS.alex).openExternal,
      files: new NodeFileAccess(),
      dialogs,
      restartApp: () => undefined,
    },
    dataDir: input.dataDir,
    appInfo: { version: 'bench', systemLocale: 'en-US', platform: process.platform },
    tuning: { maxAttachmentBytes: input.maxAttachmentBytes },
  });
  const dispatch = createInvokeDispatcher(core.handlers);
  await core.start();
  await core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
  await core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });

  const renderer = startWorker('upload-ipc-renderer.ts', {});
  renderer.onMessage((message) => {
    if (message.type !== 'invoke') return;
    void dispatch(message.channel, message.request).then((result) =>
      renderer.send({ type: 'result', id: message.id, result }),
    );
  });
  core.onEvent((channel, payload) => renderer.send({ type: 'event', channel, payload }));

  const upload = async (path: string, transferId: string) => {
    dialogs.willPick([path]);
    renderer.send({ type: 'upload', domain: NORTHWIND_DOMAIN, caseName: input.caseName, transferId });
    return (await renderer.next('uploaded')) as BenchMessage & {
      seconds: number;
      peakMb: number;
      progressEvents: number;
    };
  };

  // Warm the connection pool and every code path, so the baseline already holds them.
  const warmUp = join(dirname(input.path), 'warm-up.bin');
  await writeFile(warmUp, randomBytes(WARM_UP_BYTES));
  await upload(warmUp, 'warm-up');

  process.on('message', (message: BenchMessage) => {
    if (message.type === 'quit') {
      renderer.kill();
      void core.dispose().then(() => process.exit(0));
      return;
    }
    if (message.type !== 'round') return;
    void (async () => {
      const sampler = MemorySampler.start();
      const result = await upload(input.path, String(message.transferId));
      toParent({
        type: 'round-done',
        seconds: result.seconds,
        mainPeakMb: sampler.stop(),
        rendererPeakMb: result.peakMb,
        progressEvents: result.progressEvents,
      });
    })().catch(fail);
  });
  toParent({ type: 'ready' });
}

function fail(error: unknown): void {
  console.error(error);
  process.exit(1);
}

main().catch(fail);
