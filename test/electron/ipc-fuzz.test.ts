import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppCore } from '../../main/core/app-core';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { registerIpcBridge, type InvokeRegistrar, type InvokeSender } from '../../main/electron/ipc-bridge';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { Prng } from '../../main/emulator/seed/prng';
import {
  invokeChannels,
  invokeResultSchema,
  isInvokeChannel,
  PRELOAD_ONLY_CHANNELS,
  type InvokeChannel,
  type InvokeHandlers,
  type PartnerDeskBridge,
} from '../../shared/ipc/contract';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { removeDataDir, signInDemoDomains, startCoreHarness, type CoreHarness } from '../core/helpers/core-harness';
import { FakeWebContents } from './fake-web-contents';
import { IpcFuzzer, type DomainFacts, type FuzzMessage, type FuzzWorld, type SenderKind } from './ipc-fuzz-messages';

/**
 * The IPC fuzz: seeded malformed and forged messages through the real preload
 * (main/preload.ts over a fake contextBridge), a fake ipcRenderer/ipcMain pair that copies
 * like Electron's IPC, the real main-side bridge with its sender checks, the real
 * dispatcher and a real AppCore against the emulator with the two demo domains signed in.
 * PD_FUZZ_SEED replays another run; PD_FUZZ_MESSAGES changes its length.
 */
const SEED = Number(process.env.PD_FUZZ_SEED ?? 0x1bad5eed) >>> 0;
const MESSAGES = Number(process.env.PD_FUZZ_MESSAGES ?? 10_000);

/** The electron module as the sandboxed preload sees it; `link` carries invokes to ipcMain. */
const electron = vi.hoisted(() => {
  const state = {
    exposed: new Map<string, unknown>(),
    link: null as ((channel: string, args: unknown[]) => Promise<unknown>) | null,
  };
  return {
    state,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) =>
        state.link ? state.link(channel, args) : Promise.reject(new Error('ipcMain is not listening')),
      on() {
        return this;
      },
    },
    webUtils: {
      /** Electron's: a File's path on disk ('' for one made by a script); throws for a non-File. */
      getPathForFile(file: { path?: unknown }) {
        if (typeof file?.path !== 'string') throw new TypeError('not a File');
        return file.path;
      },
    },
  };
});
vi.mock('electron', () => electron);

type Listener = (event: InvokeSender, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements InvokeRegistrar {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

/**
 * Electron's IPC copies arguments and answers with the structured clone algorithm
 * (a Buffer arrives as a Uint8Array, a class instance as a plain object). Node's stack
 * overflows on a 10,000-level value where a renderer's may not: such a value is
 * delivered as sent, so main still faces it.
 */
function throughIpc<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (error) {
    if (error instanceof RangeError) return value;
    throw error;
  }
}

const APP_URL = 'app://partner-desk/index.html';

/** Per-domain channels whose request names a case: another domain's name must be refused. */
const CASE_CHANNELS = new Set<InvokeChannel>([
  'case:get',
  'case:setPriority',
  'case:close',
  'case:escalate',
  'case:comment',
  'case:setSubscribers',
  'attachment:upload',
]);

/** Every string in a value (keys excluded), including error messages and details. */
function stringsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') out.push(value);
  else if (depth < 64 && typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) stringsIn(item, out, depth + 1);
  }
  return out;
}

/** The case a resource name belongs to (organizations/1/cases/2/attachments/3 → organizations/1/cases/2). */
function caseOf(text: string): string | null {
  return /^(?:organizations|projects)\/[^/]+\/cases\/[^/]+/.exec(text)?.[0] ?? null;
}

/** `domain` fields anywhere in a value. */
function domainFieldsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth >= 64 || typeof value !== 'object' || value === null) return out;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'domain' && typeof item === 'string') out.push(item);
    else domainFieldsIn(item, out, depth + 1);
  }
  return out;
}

async function factsOf(core: AppCore, domain: string, users: string[]): Promise<DomainFacts> {
  const customers = await core.handlers['customers:list']({ domain });
  const { rows } = await core.handlers['cases:query']({
    domain,
    filters: EMPTY_CASE_FILTERS,
    sort: DEFAULT_CASE_SORT,
    offset: 0,
    limit: 1000,
  });
  const attachmentNames: string[] = [];
  for (const row of rows.slice(0, 15)) {
    const { detail } = await core.handlers['case:get']({ domain, name: row.name });
    attachmentNames.push(...(detail?.attachments.map((attachment) => attachment.name) ?? []));
  }
  return {
    domain,
    users,
    organizations: customers.flatMap((customer) => customer.organization ?? []),
    customerIds: customers.map((customer) => customer.customerId),
    caseNames: rows.map((row) => row.name),
    attachmentNames,
    draftIds: [],
    outboxIds: [],
  };
}

/** What one domain holds that the other does not: none of it may reach an answer for the other. */
async function secretsOf(core: AppCore, facts: DomainFacts): Promise<Set<string>> {
  const customers = await core.handlers['customers:list']({ domain: facts.domain });
  const { rows } = await core.handlers['cases:query']({
    domain: facts.domain,
    filters: EMPTY_CASE_FILTERS,
    sort: DEFAULT_CASE_SORT,
    offset: 0,
    limit: 1000,
  });
  return new Set([
    ...facts.users,
    ...facts.organizations,
    ...facts.attachmentNames,
    ...customers.flatMap((customer) => [customer.customerId, customer.organizationName, customer.domain]),
    ...rows.flatMap((row) => [row.name, row.title, row.customerName]),
  ]);
}

/** The path a renderer's message takes, wired as main/index.ts and main/preload.ts wire it. */
interface IpcPath {
  /** Sends one message as its sender; `sent` is what reached ipcMain (null: the preload kept it). */
  send(message: FuzzMessage): Promise<{ answer: unknown; sent: { channel: unknown; payload: unknown } | null }>;
  /** Every request that reached a core handler, in order. */
  reached: { channel: InvokeChannel; request: unknown }[];
  /** Handlers that threw something else than an AppError (the dispatcher logs them). */
  handlerFailures: string[];
  /** The bridge's last safety net caught something. */
  bridgeErrors: string[];
  /** Refusals the bridge logged. */
  refusedSenders(): number;
  dispose(): void;
}

/** The forged senders' events, as Electron would describe them to ipcMain. */
function senderEvents(appWindow: FakeWebContents): Record<SenderKind, () => InvokeSender> {
  const otherWindow = new FakeWebContents(2, APP_URL);
  const devtools = new FakeWebContents(3, 'devtools://devtools/bundled/devtools_app.html');
  const inAppWindow = (url: string): InvokeSender => ({
    sender: { id: appWindow.id },
    senderFrame: { ...appWindow.mainFrame, url },
  });
  return {
    app: () => ({ sender: { id: appWindow.id }, senderFrame: appWindow.mainFrame }),
    'another window': () => ({ sender: { id: otherWindow.id }, senderFrame: otherWindow.mainFrame }),
    subframe: () => ({
      sender: { id: appWindow.id },
      senderFrame: { url: APP_URL, parent: appWindow.mainFrame, processId: 7, routingId: 99 },
    }),
    devtools: () => ({ sender: { id: devtools.id }, senderFrame: devtools.mainFrame }),
    'foreign page': () => inAppWindow('https://evil.example/partner-desk'),
    'file page': () => inAppWindow('file:///tmp/x.html'),
    'lookalike host': () => inAppWindow('app://partner-desk.evil/index.html'),
    'gone frame': () => ({ sender: { id: appWindow.id }, senderFrame: null }),
  };
}

async function wireIpcPath(core: AppCore): Promise<IpcPath> {
  // Every handler the core has, wrapped to record what reaches it.
  const reached: IpcPath['reached'] = [];
  const wrapped = Object.fromEntries(
    Object.entries(core.handlers).map(([channel, handler]) => [
      channel,
      (request: unknown) => {
        reached.push({ channel: channel as InvokeChannel, request });
        return (handler as (request: unknown) => Promise<unknown>)(request);
      },
    ]),
  ) as unknown as InvokeHandlers;
  const handlerFailures: string[] = [];
  const dispatch = createInvokeDispatcher(wrapped, { error: (message) => handlerFailures.push(message) });

  const appWindow = new FakeWebContents(1, APP_URL);
  const ipcMain = new FakeIpcMain();
  const bridgeErrors: string[] = [];
  let refusedSenders = 0;
  const bridge = registerIpcBridge({
    ipcMain,
    dispatch,
    target: () => appWindow,
    log: {
      info: () => undefined,
      warn: () => (refusedSenders += 1),
      error: (message) => bridgeErrors.push(message),
    },
    validateEvents: true,
  });

  // The wire: what the preload sends is copied, handed to ipcMain with the message's sender, and the answer copied back.
  const senders = senderEvents(appWindow);
  let sender: SenderKind = 'app';
  let sent: { channel: unknown; payload: unknown } | null = null;
  electron.state.link = async (ipcChannel, args) => {
    const listener = ipcMain.handlers.get(ipcChannel);
    if (!listener) throw new Error(`No handler registered for '${ipcChannel}'`);
    const [channel, payload] = args.map((arg) => throughIpc(arg));
    sent = { channel, payload };
    return throughIpc(await listener(senders[sender](), channel, payload));
  };
  vi.resetModules();
  electron.state.exposed.clear();
  await import('../../main/preload');
  const partnerDesk = electron.state.exposed.get('partnerDesk') as PartnerDeskBridge;

  return {
    async send(message) {
      sender = message.sender;
      sent = null;
      const answer =
        message.via === 'drop'
          ? await partnerDesk.stageDroppedFile(message.file as File)
          : await partnerDesk.invoke(message.channel as string, message.payload);
      return { answer, sent };
    },
    reached,
    handlerFailures,
    bridgeErrors,
    refusedSenders: () => refusedSenders,
    dispose() {
      bridge.dispose();
      electron.state.link = null;
    },
  };
}

/** What the fuzz learns of the two signed-in domains before it starts. */
async function learnDomains(core: AppCore, filesDir: string) {
  const northwind = await factsOf(core, NORTHWIND_DOMAIN, [DEMO_USERS.alex, DEMO_USERS.sam]);
  const lumiere = await factsOf(core, LUMIERE_DOMAIN, [DEMO_USERS.claire, DEMO_USERS.hugo]);
  const [northwindOwn, lumiereOwn] = [await secretsOf(core, northwind), await secretsOf(core, lumiere)];
  const classifications = await core.handlers['classifications:search']({ domain: NORTHWIND_DOMAIN, query: '' });
  const world: FuzzWorld = {
    domains: [northwind, lumiere],
    strangers: ['other-reseller.example', 'a.b', `${'a'.repeat(63)}.example`, 'xn--lumire-reseller-gnb.example'],
    stagedFileIds: [],
    classifications: classifications.slice(0, 5),
    dropPaths: [path.join(filesDir, 'fuzz.txt'), filesDir, '/dev/null'],
  };
  return {
    world,
    facts: new Map([northwind, lumiere].map((domain) => [domain.domain, domain])),
    // What both domains share (a category, a common title) tells nothing of the other.
    secrets: new Map([
      [NORTHWIND_DOMAIN, new Set([...northwindOwn].filter((text) => !lumiereOwn.has(text)))],
      [LUMIERE_DOMAIN, new Set([...lumiereOwn].filter((text) => !northwindOwn.has(text)))],
    ]),
  };
}

/** Counts per outcome and per channel, and the first failures with the message that caused them. */
class FuzzTally {
  readonly outcomes = new Map<string, number>();
  readonly validByChannel = new Map<string, number>();
  readonly refusedByChannel = new Map<string, number>();
  readonly internalByChannel = new Map<string, number>();
  readonly failures: string[] = [];
  crossDomainRequests = 0;
  crossDomainCaseRequests = 0;
  leakChecks = 0;

  count(outcome: string): void {
    bump(this.outcomes, outcome);
  }

  total(prefix: string): number {
    return [...this.outcomes].filter(([outcome]) => outcome.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
  }

  failer(index: number, message: FuzzMessage): (why: string) => void {
    const channel =
      message.via === 'drop'
        ? 'drop'
        : typeof message.channel === 'string'
          ? message.channel.slice(0, 40)
          : typeof message.channel;
    return (why) => {
      if (this.failures.length < 30)
        this.failures.push(`#${index} ${channel} from ${message.sender} (${message.recipe}): ${why}`);
    };
  }

  summary(messages: number, seconds: number): string {
    const outcomes = [...this.outcomes.entries()].sort((a, b) => b[1] - a[1]);
    return (
      `IPC fuzz: ${messages} messages in ${seconds.toFixed(1)} s; ${outcomes.map(([outcome, n]) => `${outcome} ${n}`).join(', ')}; ` +
      `${this.crossDomainRequests} valid requests named the other domain's data (${this.crossDomainCaseRequests} its case), ` +
      `${this.leakChecks} answers checked for leaks; internal errors by channel: ${JSON.stringify(Object.fromEntries(this.internalByChannel))}`
    );
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

describe('IPC fuzz', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let filesDir: string;
  let signInAs: (url: URL) => string | null = (url) => url.searchParams.get('login_hint');
  /** The account the browser last signed in: the user knows it, so the sign-in's refusal may name it. */
  let signedInInBrowser: string | null = null;
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String(error));

  beforeAll(async () => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    // No per-user quota: a 429 would turn most valid requests into `quota` before the core's own checks.
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, rateLimitPerMinute: 1_000_000 });
    harness = await startCoreHarness({ emulator, pickUser: (url) => signInAs(url) });
    await signInDemoDomains(harness);
    // From here every sign-in is forged: the browser signs in an account of another domain than asked.
    signInAs = (url) => {
      signedInInBrowser = url.searchParams.get('hd') === LUMIERE_DOMAIN ? DEMO_USERS.alex : DEMO_USERS.claire;
      return signedInInBrowser;
    };
    filesDir = await mkdtemp(path.join(tmpdir(), 'partner-desk-ipc-fuzz-'));
    await writeFile(path.join(filesDir, 'fuzz.txt'), 'dropped by the IPC fuzz\n');
  });

  afterAll(async () => {
    await harness?.dispose();
    if (harness) await removeDataDir(harness.dataDir);
    await emulator?.close();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
  });

  it(
    `answers ${MESSAGES} seeded malformed or forged messages on every channel with the error envelope, and leaks nothing`,
    { timeout: 180_000 },
    async () => {
      const { world, facts, secrets } = await learnDomains(harness.core, filesDir);
      expect(world.domains.every((domain) => domain.caseNames.length > 10)).toBe(true);
      expect(world.classifications.length).toBeGreaterThan(0);
      const ipc = await wireIpcPath(harness.core);
      expect(Object.keys(harness.core.handlers).sort()).toEqual(Object.keys(invokeChannels).sort());
      const foeOf = (domain: string) => (domain === NORTHWIND_DOMAIN ? LUMIERE_DOMAIN : NORTHWIND_DOMAIN);
      // The other domain's names the fuzz itself put in a domain's requests: an echo of those is no leak.
      const sentTo = new Map([
        [NORTHWIND_DOMAIN, new Set<string>()],
        [LUMIERE_DOMAIN, new Set<string>()],
      ]);
      const tally = new FuzzTally();
      const fuzzer = new IpcFuzzer(new Prng(SEED), world);
      console.log(`IPC fuzz: seed ${SEED} (PD_FUZZ_SEED=${SEED} replays it), ${MESSAGES} messages`);
      const started = performance.now();

      for (let index = 0; index < MESSAGES; index++) {
        const message = fuzzer.next();
        const fail = tally.failer(index, message);
        signedInInBrowser = null;
        const reachedBefore = ipc.reached.length;
        let answer: unknown;
        let sent: { channel: unknown; payload: unknown } | null;
        try {
          ({ answer, sent } = await ipc.send(message));
        } catch (error) {
          fail(`the renderer got a rejection instead of an answer: ${String(error)}`);
          continue;
        }
        const calls = ipc.reached.slice(reachedBefore);
        const envelope = invokeResultSchema.safeParse(answer);
        if (!envelope.success) {
          fail(`not the result envelope: ${JSON.stringify(answer)?.slice(0, 200)}`);
          continue;
        }
        const result = envelope.data;
        const refusal = (outcome: string, messageStart: string) => {
          tally.count(outcome);
          if (calls.length > 0) fail(`reached the core (${calls[0]!.channel}) though ${outcome}`);
          if (result.ok || result.error.code !== 'bad_request' || !result.error.message.startsWith(messageStart)) {
            fail(`${outcome}, yet answered ${JSON.stringify(result).slice(0, 200)}`);
          }
        };

        if (!sent) {
          // Only the preload's own checks stop a message before the wire.
          const preloadOnly =
            message.via === 'invoke' && (PRELOAD_ONLY_CHANNELS as readonly unknown[]).includes(message.channel);
          if (message.via === 'invoke' && !preloadOnly) fail('never sent to main');
          refusal('refused by the preload', '');
          continue;
        }
        if (message.sender !== 'app') {
          refusal('refused: forged sender', 'Request refused: it came from');
          continue;
        }
        if (typeof sent.channel !== 'string' || !isInvokeChannel(sent.channel)) {
          refusal('refused: unknown channel', 'Unknown channel');
          continue;
        }
        const channel = sent.channel;
        const parsed = invokeChannels[channel].request.safeParse(sent.payload);
        if (!parsed.success) {
          refusal('bad_request', `Invalid ${channel} request`);
          bump(tally.refusedByChannel, channel);
          continue;
        }

        // Schema-valid: the core sees exactly the parsed request, once, and answers within the contract.
        bump(tally.validByChannel, channel);
        if (calls.length !== 1 || calls[0]!.channel !== channel) {
          fail(`valid, but the core saw ${calls.map((call) => call.channel).join(', ') || 'nothing'}`);
        } else if (!invokeChannels[channel].request.safeParse(calls[0]!.request).success) {
          fail('the core received a request that fails its schema');
        } else if (JSON.stringify(calls[0]!.request) !== JSON.stringify(parsed.data)) {
          fail('the core received something else than the parsed request');
        }
        if (result.ok) {
          tally.count('ok');
          const response = invokeChannels[channel].response.safeParse(result.value);
          if (!response.success) fail(`ok, but the response breaks its schema: ${response.error.issues[0]?.message}`);
        } else {
          tally.count(`error: ${result.error.code}`);
          if (result.error.code === 'bad_request') fail('a valid request answered bad_request');
          if (result.error.code === 'internal') bump(tally.internalByChannel, channel);
        }

        const request = parsed.data as Record<string, unknown>;
        const domain = typeof request.domain === 'string' ? request.domain : null;
        const own = domain ? facts.get(domain) : undefined;
        if (channel === 'files:dropped' && result.ok) {
          world.stagedFileIds.push((result.value as { fileId: string }).fileId);
        }
        if (!domain || !own) continue;

        // Per-domain: nothing of the other domain in the answer but what this request itself named.
        const foe = foeOf(domain);
        const foeSecrets = secrets.get(foe)!;
        const echoes = sentTo.get(domain)!;
        let namesFoe = false;
        for (const text of stringsIn(request)) {
          const name = caseOf(text);
          for (const secret of name && name !== text ? [text, name] : [text]) {
            if (!foeSecrets.has(secret)) continue;
            echoes.add(secret);
            namesFoe = true;
          }
        }
        if (namesFoe) tally.crossDomainRequests += 1;
        tally.leakChecks += 1;
        const answered = result.ok ? result.value : result.error;
        const known = (text: string) =>
          echoes.has(text) || (channel === 'account:signIn' && text === signedInInBrowser);
        for (const text of stringsIn(answered)) {
          const name = caseOf(text);
          if ((foeSecrets.has(text) && !known(text)) || (name && foeSecrets.has(name) && !known(name))) {
            fail(`the answer for ${domain} holds ${foe}'s "${text.slice(0, 120)}"`);
          }
        }
        if (domainFieldsIn(answered).includes(foe)) fail(`the answer for ${domain} holds a record of ${foe}`);
        const named = typeof request.name === 'string' ? request.name : null;
        if (CASE_CHANNELS.has(channel) && named && facts.get(foe)!.caseNames.includes(named)) {
          tally.crossDomainCaseRequests += 1;
          const harmless = channel === 'case:get' && result.ok && (result.value as { detail: unknown }).detail === null;
          if (result.ok && !harmless) fail(`${foe}'s case ${named} was served to ${domain}`);
        }
        // Learn the ids the core made, so later messages name them in the other domain too.
        const value = result.ok ? (result.value as { id?: unknown }) : {};
        const ids =
          /^draft:(save|restore|duplicate)$/.test(channel) || channel === 'outbox:edit'
            ? own.draftIds
            : channel === 'outbox:submit'
              ? own.outboxIds
              : null;
        if (ids && typeof value.id === 'string' && !ids.includes(value.id)) {
          ids.push(value.id);
          secrets.get(domain)!.add(value.id);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      ipc.dispose();
      console.log(tally.summary(MESSAGES, seconds));

      expect(tally.failures).toEqual([]);
      expect(crashes).toEqual([]);
      // A handler that throws something else than an AppError is a bug (answered `internal`).
      expect(ipc.handlerFailures).toEqual([]);
      // Nor does any handler answer `internal` on its own: every refusal has a cause the user can be told.
      expect(Object.fromEntries(tally.internalByChannel)).toEqual({});
      expect(ipc.bridgeErrors).toEqual([]);
      expect(ipc.refusedSenders()).toBe(tally.total('refused: forged sender'));
      // No prototype was polluted by a `__proto__` or `constructor.prototype` key.
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // The core's own requests never made the emulator fail.
      expect(emulator.control.requestLog().filter((entry) => entry.status >= 500)).toEqual([]);

      // Every channel of the contract was reached by valid requests and refused malformed ones.
      const channels = Object.keys(invokeChannels).sort();
      expect([...tally.validByChannel.keys()].sort()).toEqual(channels);
      expect([...tally.refusedByChannel.keys()].sort()).toEqual(channels);
      // The mix: most messages reach schema validation, a good share passes it and exercises the core.
      expect(tally.total('ok') + tally.total('error: ')).toBeGreaterThan(MESSAGES * 0.3);
      expect(tally.total('bad_request')).toBeGreaterThan(MESSAGES * 0.25);
      expect(tally.total('ok')).toBeGreaterThan(MESSAGES * 0.1);
      expect(tally.total('refused: forged sender')).toBeGreaterThan(MESSAGES * 0.05);
      expect(tally.total('refused: unknown channel')).toBeGreaterThan(MESSAGES * 0.02);
      expect(tally.crossDomainRequests).toBeGreaterThan(MESSAGES * 0.05);
      expect(tally.crossDomainCaseRequests).toBeGreaterThan(MESSAGES * 0.01);
    },
  );
});
