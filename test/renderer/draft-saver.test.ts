import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { caseDetailKey } from '../../renderer/store/case-detail-store';
import { createDraftSaver, SAVE_RETRY_MS } from '../../renderer/store/draft-saver';
import { createNewCaseStore } from '../../renderer/store/new-case-store';
import type { Draft, DraftContent } from '../../shared/model/draft';
import { createFakeBridge, deferred, settle } from './fake-bridge';

const DOMAIN = 'northwind-reseller.example';
const OTHER = 'lumiere-revendeur.example';
const CASE = 'organizations/100/cases/7';
const ID = 'draft-0001-aaaa';
const comment = (body: string): DraftContent => ({ kind: 'comment', caseName: CASE, body });

/** Frames run when the test says so. */
function manualFrames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (send: () => void) => queued.push(send),
    run: () => queued.splice(0).forEach((send) => send()),
    get pending() {
      return queued.length;
    },
  };
}

/** A core that keeps drafts in memory, per domain, as the real one does in each domain's database. */
function fakeCore() {
  const byDomain = new Map<string, Map<string, Draft>>();
  const of = (domain: string) => byDomain.get(domain) ?? byDomain.set(domain, new Map()).get(domain)!;
  const handlers = {
    'draft:save': ({ domain, id, content }: { domain: string; id: string; content: DraftContent }) => {
      const drafts = of(domain);
      const before = drafts.get(id);
      const at = new Date(Date.UTC(2026, 10, 29, 12, 0, drafts.size)).toISOString();
      const draft: Draft = {
        id,
        domain,
        content,
        files: [],
        revision: (before?.revision ?? 0) + 1,
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      };
      drafts.set(id, draft);
      return { id, revision: draft.revision, updatedAt: at };
    },
    'drafts:list': ({ domain }: { domain: string }) => [...of(domain).values()].reverse(),
    'draft:discard': ({ domain, id }: { domain: string; id: string }) => {
      of(domain).delete(id);
      return {};
    },
    'case:localeFor': () => null,
    'customers:list': () => [],
  };
  return { handlers, of };
}

describe('draft saver', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one save per frame per draft, with the last change of the frame', async () => {
    const frames = manualFrames();
    const bridge = createFakeBridge(fakeCore().handlers);
    const saver = createDraftSaver(createPartnerDeskClient(bridge), frames.schedule);
    for (const body of ['H', 'He', 'Hel', 'Hell']) saver.save(DOMAIN, ID, comment(body));
    saver.save(DOMAIN, 'draft-0002-bbbb', comment('other'));
    expect(bridge.calls).toEqual([]);
    frames.run();
    await saver.flush(ID);
    const saves = bridge.calls.filter((c) => c.channel === 'draft:save').map((c) => c.request);
    expect(saves).toEqual([
      { domain: DOMAIN, id: ID, content: comment('Hell') },
      { domain: DOMAIN, id: 'draft-0002-bbbb', content: comment('other') },
    ]);
    expect(saver.acknowledged(ID)).toBe(1);
  });

  it('never has two saves of a draft in flight, and sends the newest change after the one in flight', async () => {
    const frames = manualFrames();
    const answers: ReturnType<typeof deferred<unknown>>[] = [];
    const core = fakeCore();
    const bridge = createFakeBridge({
      ...core.handlers,
      'draft:save': async (request: Parameters<(typeof core.handlers)['draft:save']>[0]) => {
        const answer = deferred<unknown>();
        answers.push(answer);
        await answer.promise;
        return core.handlers['draft:save'](request);
      },
    });
    const saver = createDraftSaver(createPartnerDeskClient(bridge), frames.schedule);
    saver.save(DOMAIN, ID, comment('a'));
    frames.run();
    saver.save(DOMAIN, ID, comment('ab'));
    saver.save(DOMAIN, ID, comment('abc'));
    frames.run();
    expect(frames.pending).toBe(0);
    expect(bridge.calls.filter((c) => c.channel === 'draft:save')).toHaveLength(1);

    const flushed = saver.flush(ID);
    answers[0]!.resolve(undefined);
    await settle();
    expect(bridge.calls.filter((c) => c.channel === 'draft:save')).toHaveLength(2);
    answers[1]!.resolve(undefined);
    await flushed;
    expect(core.of(DOMAIN).get(ID)?.content).toEqual(comment('abc'));
    expect(saver.acknowledged(ID)).toBe(2);
  });

  it('sends the latest content again when the transport failed (the core restarting)', async () => {
    vi.useFakeTimers();
    const frames = manualFrames();
    const core = fakeCore();
    let down = true;
    const bridge = createFakeBridge({
      ...core.handlers,
      'draft:save': (request: Parameters<(typeof core.handlers)['draft:save']>[0]) => {
        if (down) throw { code: 'internal', message: 'draft:save: socket closed' };
        return core.handlers['draft:save'](request);
      },
    });
    const saver = createDraftSaver(createPartnerDeskClient(bridge), frames.schedule);
    saver.save(DOMAIN, ID, comment('typed offline'));
    frames.run();
    await vi.advanceTimersByTimeAsync(0);
    saver.save(DOMAIN, ID, comment('typed offline, more'));
    down = false;
    await vi.advanceTimersByTimeAsync(SAVE_RETRY_MS);
    await saver.flush(ID);
    expect(core.of(DOMAIN).get(ID)?.content).toEqual(comment('typed offline, more'));
  });

  it('discards after the save in flight, and ignores later changes of the discarded draft', async () => {
    const frames = manualFrames();
    const core = fakeCore();
    const bridge = createFakeBridge(core.handlers);
    const saver = createDraftSaver(createPartnerDeskClient(bridge), frames.schedule);
    saver.save(DOMAIN, ID, comment('bye'));
    frames.run();
    await saver.discard(DOMAIN, ID);
    saver.save(DOMAIN, ID, comment('late'));
    frames.run();
    await settle();
    expect(bridge.calls.map((c) => c.channel)).toEqual(['draft:save', 'draft:discard']);
    expect(core.of(DOMAIN).size).toBe(0);
    expect(saver.isDiscarded(ID)).toBe(true);
  });
});

describe('New case and composer as drafts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('restores what was typed after a reload of the window, in its domain only', async () => {
    // The window's locale prefills the New case (Node has no navigator before 21).
    vi.stubGlobal('navigator', { language: 'en-US' });
    const core = fakeCore();
    const first = createAppStores(createPartnerDeskClient(createFakeBridge(core.handlers)));
    first.newCase.getState().start(DOMAIN);
    const typed = 'Mail to outlook.com bounces since Monday';
    for (let i = 1; i <= typed.length; i += 1) first.newCase.getState().update(DOMAIN, { title: typed.slice(0, i) });
    first.newCase.getState().goTo(DOMAIN, 'description');
    first.newCase.getState().update(DOMAIN, { details: 'Every message' });
    const message = 'Any news on this?';
    for (let i = 1; i <= message.length; i += 1)
      first.caseActions.getState().setDraft(DOMAIN, CASE, message.slice(0, i));
    const newCaseId = first.newCase.getState().drafts[DOMAIN]!.draftId;
    const messageId = first.caseActions.getState().draftIds[caseDetailKey(DOMAIN, CASE)]!;
    await first.draftSaver.flush(newCaseId);
    await first.draftSaver.flush(messageId);
    // Batched: far fewer saves than keystrokes, the last one holding everything.
    const saves = core.of(DOMAIN).get(newCaseId)!.revision;
    expect(saves).toBeLessThan(typed.length);

    const reloaded = createAppStores(createPartnerDeskClient(createFakeBridge(core.handlers)));
    await reloaded.drafts.getState().load(DOMAIN);
    await reloaded.drafts.getState().load(OTHER);
    expect(reloaded.newCase.getState().drafts[DOMAIN]).toMatchObject({
      draftId: newCaseId,
      title: typed,
      details: 'Every message',
      step: 'description',
    });
    expect(reloaded.caseActions.getState().drafts[caseDetailKey(DOMAIN, CASE)]).toBe(message);
    expect(reloaded.newCase.getState().drafts[OTHER]).toBeUndefined();
    expect(reloaded.drafts.getState().lists[DOMAIN]?.drafts).toHaveLength(2);
    expect(reloaded.drafts.getState().lists[OTHER]?.drafts).toEqual([]);

    // Emptying the composer discards its draft.
    reloaded.caseActions.getState().setDraft(DOMAIN, CASE, '');
    await settle();
    await vi.waitFor(() => expect(core.of(DOMAIN).has(messageId)).toBe(false));
  });

  it('copies picked files into the draft (saved first), and detaches a removed one', async () => {
    const core = fakeCore();
    const staged = { fileId: 'file-1', filename: 'log.txt', sizeBytes: 12, mimeType: 'text/plain' };
    const bridge = createFakeBridge({
      ...core.handlers,
      'files:pick': () => [staged],
      'draft:attach': ({ fileId }: { fileId: string }) => ({
        fileId,
        name: 'log.txt',
        size: 12,
        mimeType: 'text/plain',
        sha256: 'a'.repeat(64),
      }),
      'draft:detach': () => ({}),
    });
    const client = createPartnerDeskClient(bridge);
    const saver = createDraftSaver(client, (send) => queueMicrotask(send));
    const env = { systemLocale: () => 'en-US', systemTimeZone: () => 'UTC', newTransferId: () => 't1' };
    const store = createNewCaseStore(client, env, saver);
    store.getState().start(DOMAIN);
    await store.getState().pickFiles(DOMAIN);
    const id = store.getState().drafts[DOMAIN]!.draftId;
    expect(bridge.calls.map((c) => c.channel)).toEqual(['files:pick', 'draft:save', 'draft:attach']);
    expect(bridge.calls[2]!.request).toEqual({ domain: DOMAIN, id, fileId: 'file-1' });
    expect(store.getState().drafts[DOMAIN]?.attachments).toEqual([staged]);

    store.getState().removeFile(DOMAIN, 'file-1');
    await vi.waitFor(() => expect(bridge.calls.at(-1)?.channel).toBe('draft:detach'));
    expect(bridge.calls.some((c) => c.channel === 'files:release')).toBe(false);
    expect(store.getState().drafts[DOMAIN]?.attachments).toEqual([]);
  });
});
