import { describe, expect, it } from 'vitest';
import { CAPABILITIES, diagnosticsSchema, type Diagnostics } from '../../shared/model/diagnostics';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createDiagnosticsStore } from '../../renderer/store/diagnostics-store';
import { createFakeBridge, deferred, settle } from './fake-bridge';

const NORTHWIND = 'northwind-reseller.example';
const LUMIERE = 'revendeur-lumiere.example';

function diagnosticsOf(domain: string, requestsLastHour: number): Diagnostics {
  return diagnosticsSchema.parse({
    domain,
    email: `someone@${domain}`,
    backend: 'demo',
    endpoints: { cloudSupport: 'http://127.0.0.1:1/' },
    scopes: [],
    probes: CAPABILITIES.map((capability) => ({ capability, outcome: { status: 'ok' }, durationMs: 1 })),
    sync: { lastSyncedAt: null, lastDurationMs: null, state: 'idle' },
    requestsLastHour,
    recentErrors: [],
    ranAt: '2026-11-29T20:00:00.000Z',
  });
}

/** A bridge whose diagnostics:run answers wait until the test resolves them, per call. */
function pendingRuns() {
  const answers: { domain: string; answer: ReturnType<typeof deferred<Diagnostics>> }[] = [];
  const bridge = createFakeBridge({
    'diagnostics:run': ({ domain }: { domain: string }) => {
      const answer = deferred<Diagnostics>();
      answers.push({ domain, answer });
      return answer.promise;
    },
  });
  return { answers, store: createDiagnosticsStore(createPartnerDeskClient(bridge)), bridge };
}

describe('diagnostics store', () => {
  it('is busy while the probes run, then shows the answer', async () => {
    const { answers, store, bridge } = pendingRuns();
    void store.getState().run(NORTHWIND);
    expect(store.getState().views[NORTHWIND]).toMatchObject({ running: true, diagnostics: null, error: null });
    expect(bridge.calls).toEqual([{ channel: 'diagnostics:run', request: { domain: NORTHWIND } }]);
    answers[0]!.answer.resolve(diagnosticsOf(NORTHWIND, 12));
    await settle();
    expect(store.getState().views[NORTHWIND]?.running).toBe(false);
    expect(store.getState().views[NORTHWIND]?.diagnostics?.requestsLastHour).toBe(12);
  });

  it('keeps only the latest run, and the previous answer stays on screen while it runs', async () => {
    const { answers, store } = pendingRuns();
    void store.getState().run(NORTHWIND);
    answers[0]!.answer.resolve(diagnosticsOf(NORTHWIND, 1));
    await settle();
    void store.getState().run(NORTHWIND);
    void store.getState().run(NORTHWIND);
    expect(store.getState().views[NORTHWIND]).toMatchObject({ running: true });
    expect(store.getState().views[NORTHWIND]?.diagnostics?.requestsLastHour).toBe(1);
    answers[2]!.answer.resolve(diagnosticsOf(NORTHWIND, 3));
    await settle();
    answers[1]!.answer.resolve(diagnosticsOf(NORTHWIND, 2));
    await settle();
    expect(store.getState().views[NORTHWIND]?.diagnostics?.requestsLastHour).toBe(3);
    expect(store.getState().views[NORTHWIND]?.running).toBe(false);
  });

  it('says why a run failed (the core lost) instead of showing an old answer as current', async () => {
    const { answers, store } = pendingRuns();
    void store.getState().run(NORTHWIND);
    answers[0]!.answer.resolve(diagnosticsOf(NORTHWIND, 1));
    await settle();
    void store.getState().run(NORTHWIND);
    answers[1]!.answer.reject({ code: 'session_expired', message: 'expired' });
    await settle();
    expect(store.getState().views[NORTHWIND]).toMatchObject({
      running: false,
      diagnostics: null,
      error: { code: 'session_expired' },
    });

    const lost = createDiagnosticsStore(
      createPartnerDeskClient({
        ...createFakeBridge({}),
        invoke: () => Promise.reject(new Error('socket closed')),
      }),
    );
    await lost.getState().run(NORTHWIND);
    expect(lost.getState().views[NORTHWIND]?.error?.code).toBe('core_lost');
  });

  it("never shows one domain's answer on another's page, nor a signed-out domain's late answer", async () => {
    const { answers, store } = pendingRuns();
    void store.getState().run(NORTHWIND);
    void store.getState().run(LUMIERE);
    // A core answering Northwind's run with Lumière's data: refused, not shown.
    answers[0]!.answer.resolve(diagnosticsOf(LUMIERE, 99));
    answers[1]!.answer.resolve(diagnosticsOf(LUMIERE, 5));
    await settle();
    expect(store.getState().views[NORTHWIND]).toMatchObject({ diagnostics: null, error: { code: 'internal' } });
    expect(store.getState().views[LUMIERE]?.diagnostics?.requestsLastHour).toBe(5);

    void store.getState().run(NORTHWIND);
    store.getState().forget(NORTHWIND);
    answers[2]!.answer.resolve(diagnosticsOf(NORTHWIND, 7));
    await settle();
    expect(store.getState().views[NORTHWIND]).toBeUndefined();
    expect(Object.keys(store.getState().views)).toEqual([LUMIERE]);
  });
});
