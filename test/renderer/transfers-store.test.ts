import { describe, expect, it } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { caseDetailKey, createCaseDetailStore } from '../../renderer/store/case-detail-store';
import { createCaseListStore } from '../../renderer/store/case-list-store';
import { createTransfersStore, type Transfer } from '../../renderer/store/transfers-store';
import type { CaseAttachment } from '../../shared/model/case';
import type { StagedFile, TransferProgress } from '../../shared/model/case-actions';
import { DOMAIN, makeDetail } from './case-detail-fixtures';
import { createFakeBridge, deferred, settle, type FakeHandlers } from './fake-bridge';

const NAME = makeDetail().name;

function staged(n: number, sizeBytes = 1000): StagedFile {
  return { fileId: `f${n}`, filename: `file-${n}.log`, sizeBytes, mimeType: 'text/plain' };
}
function attachment(n: number): CaseAttachment {
  return {
    name: `${NAME}/attachments/a${n}`,
    filename: `file-${n}.log`,
    mimeType: 'text/plain',
    sizeBytes: 1000,
    createTime: '2026-11-20T10:00:00Z',
    creator: { displayName: 'Alex', googleSupport: false },
  };
}

async function setup(handlers: FakeHandlers) {
  const bridge = createFakeBridge({
    'case:get': () => ({ detail: makeDetail(), source: 'network' }),
    'files:release': () => ({}),
    'transfer:cancel': () => ({ cancelled: true }),
    ...handlers,
  });
  const client = createPartnerDeskClient(bridge);
  const caseDetails = createCaseDetailStore(client);
  const caseLists = createCaseListStore(client);
  let n = 0;
  const transfers = createTransfersStore(client, { caseDetails, caseLists }, () => `t${++n}`);
  await caseDetails.getState().load(DOMAIN, NAME);
  const byId = (id: string) => transfers.getState().transfers.find((t) => t.transferId === id) as Transfer;
  const released = () =>
    bridge.calls.filter((c) => c.channel === 'files:release').map((c) => (c.request as { fileId: string }).fileId);
  return { bridge, transfers, caseDetails, byId, released };
}

describe('attachment uploads', () => {
  it('queues several files and uploads them one after the other, each showing once attached', async () => {
    const answers = [deferred<CaseAttachment>(), deferred<CaseAttachment>()];
    let call = 0;
    const { bridge, transfers, caseDetails, byId, released } = await setup({
      'attachment:upload': () => answers[call++]!.promise,
    });
    transfers.getState().enqueueUploads(DOMAIN, NAME, [staged(1), staged(2)]);
    await settle();
    expect([byId('t1').state, byId('t2').state]).toEqual(['running', 'queued']);
    expect(bridge.calls.filter((c) => c.channel === 'attachment:upload')).toHaveLength(1);

    answers[0]!.resolve(attachment(1));
    await settle();
    expect([byId('t1').state, byId('t2').state]).toEqual(['done', 'running']);
    expect(
      caseDetails.getState().details[caseDetailKey(DOMAIN, NAME)]?.detail?.attachments.map((a) => a.filename),
    ).toEqual(['file-1.log']);
    answers[1]!.resolve(attachment(2));
    await settle();
    expect(byId('t2').state).toBe('done');
    expect(bridge.calls.filter((c) => c.channel === 'attachment:upload').map((c) => c.request)).toEqual([
      { domain: DOMAIN, name: NAME, fileId: 'f1', transferId: 't1' },
      { domain: DOMAIN, name: NAME, fileId: 'f2', transferId: 't2' },
    ]);
    expect(released()).toEqual(['f1', 'f2']);
    expect(byId('t2').endedSeq).toBeGreaterThan(byId('t1').endedSeq!);
  });

  it('moves the bar from transfer:progress of a running transfer only, never past the total', async () => {
    const answer = deferred<CaseAttachment>();
    const { transfers, byId } = await setup({ 'attachment:upload': () => answer.promise });
    transfers.getState().enqueueUploads(DOMAIN, NAME, [staged(1, 4000), staged(2, 4000)]);
    await settle();
    const progress = (transferId: string, transferredBytes: number, domain = DOMAIN) =>
      transfers.getState().applyProgress({
        domain,
        transferId,
        direction: 'upload',
        caseName: NAME,
        filename: 'x',
        transferredBytes,
        totalBytes: 4000,
        state: 'running',
      });
    progress('t1', 1000);
    expect(byId('t1').transferredBytes).toBe(1000);
    progress('t1', 9000);
    expect(byId('t1').transferredBytes).toBe(4000);
    progress('t2', 500); // queued: not started yet
    expect(byId('t2').transferredBytes).toBe(0);
    progress('t1', 10, 'other-reseller.example'); // another domain's event
    expect(byId('t1').transferredBytes).toBe(4000);
    answer.resolve(attachment(1));
  });

  it('cancels a queued file without asking main, and a running one through transfer:cancel', async () => {
    const answer = deferred<CaseAttachment>();
    const { bridge, transfers, byId, released } = await setup({ 'attachment:upload': () => answer.promise });
    transfers.getState().enqueueUploads(DOMAIN, NAME, [staged(1), staged(2)]);
    await settle();
    await transfers.getState().cancel('t2');
    expect(byId('t2').state).toBe('cancelled');
    expect(released()).toEqual(['f2']);
    expect(bridge.calls.some((c) => c.channel === 'transfer:cancel')).toBe(false);

    await transfers.getState().cancel('t1');
    expect(bridge.calls.find((c) => c.channel === 'transfer:cancel')?.request).toEqual({ transferId: 't1' });
    answer.reject({ code: 'cancelled', message: 'stopped' });
    await settle();
    expect(byId('t1').state).toBe('cancelled');
    expect(released()).toEqual(['f2', 'f1']);
    // Nothing else was uploaded.
    expect(bridge.calls.filter((c) => c.channel === 'attachment:upload')).toHaveLength(1);
  });

  it('keeps a failed file staged for a retry, and the next file goes on', async () => {
    let fail = true;
    const { transfers, byId, released } = await setup({
      'attachment:upload': ({ fileId }: { fileId: string }) => {
        if (fileId === 'f1' && fail) throw { code: 'too_large', message: 'over the limit' };
        return attachment(Number(fileId.slice(1)));
      },
    });
    transfers.getState().enqueueUploads(DOMAIN, NAME, [staged(1), staged(2)]);
    await settle();
    await settle();
    expect(byId('t1')).toMatchObject({ state: 'failed', fileId: 'f1', error: { code: 'too_large' } });
    expect(byId('t2').state).toBe('done');
    expect(released()).toEqual(['f2']);
    fail = false;
    transfers.getState().retry('t1');
    await settle();
    expect(byId('t1')).toMatchObject({ state: 'done', error: null });
  });

  it('clears the finished transfers of one case at once, releasing a failed file, and leaves a running one', async () => {
    let finishUpload: (() => void) | undefined;
    const { transfers, byId, released } = await setup({
      'attachment:upload': ({ fileId }: { fileId: string }) => {
        if (fileId === 'f1') throw { code: 'too_large', message: 'over the limit' };
        if (fileId === 'f3') return new Promise((resolve) => (finishUpload = () => resolve(attachment(3))));
        return attachment(Number(fileId.slice(1)));
      },
    });
    transfers.getState().enqueueUploads(DOMAIN, NAME, [staged(1), staged(2), staged(3)]);
    await settle();
    await settle();
    expect([byId('t1').state, byId('t2').state, byId('t3').state]).toEqual(['failed', 'done', 'running']);
    transfers.getState().clearFinished('other-reseller.example', NAME);
    expect(transfers.getState().transfers).toHaveLength(3);
    transfers.getState().clearFinished(DOMAIN, NAME);
    expect(transfers.getState().transfers.map((t) => t.transferId)).toEqual(['t3']);
    expect(released()).toEqual(expect.arrayContaining(['f1', 'f2']));
    finishUpload?.();
  });

  it('lists a dropped file main refused, with its reason', async () => {
    const { transfers, byId } = await setup({});
    transfers.getState().stagingFailed(DOMAIN, NAME, 'photos', { code: 'invalid_argument', message: 'a folder' });
    expect(byId('t1')).toMatchObject({ state: 'failed', filename: 'photos', fileId: null });
    transfers.getState().dismiss('t1');
    expect(transfers.getState().transfers).toEqual([]);
  });
});

describe("uploads main starts on its own (a new case's files)", () => {
  const event = (transferId: string, change: Partial<TransferProgress>): TransferProgress => ({
    domain: DOMAIN,
    transferId,
    direction: 'upload',
    caseName: NAME,
    filename: `${transferId}.log`,
    transferredBytes: 0,
    totalBytes: 1000,
    state: 'running',
    ...change,
  });

  it('shows them from their events and ends them as main says, with the reason of a failure', async () => {
    const { transfers, byId } = await setup({});
    const apply = (progress: TransferProgress) => transfers.getState().applyProgress(progress);
    apply(event('n1', {}));
    apply(event('n2', {}));
    apply(event('n1', { transferredBytes: 400 }));
    expect(byId('n1')).toMatchObject({ state: 'running', transferredBytes: 400, caseName: NAME, fileId: null });
    apply(event('n1', { state: 'done', transferredBytes: 1000 }));
    apply(event('n2', { state: 'failed', error: { code: 'too_large', message: 'over the limit' } }));
    expect(byId('n1').state).toBe('done');
    expect(byId('n2')).toMatchObject({ state: 'failed', error: { code: 'too_large' } });
    // A final event never brings back a row the user dismissed.
    transfers.getState().dismiss('n1');
    apply(event('n1', { state: 'done' }));
    expect(byId('n1')).toBeUndefined();
  });

  it("keeps main's word when a cancel came too late and the file was kept", async () => {
    const { bridge, transfers, byId } = await setup({});
    transfers.getState().applyProgress(event('n3', { transferredBytes: 1000 }));
    await transfers.getState().cancel('n3');
    expect(bridge.calls.some((c) => c.channel === 'transfer:cancel')).toBe(true);
    transfers.getState().applyProgress(event('n3', { state: 'done', transferredBytes: 1000 }));
    expect(byId('n3').state).toBe('done');
  });
});

describe('attachment downloads', () => {
  it('says where the file was saved', async () => {
    const { bridge, transfers, byId } = await setup({
      'attachment:download': () => ({ savedTo: '/home/me/file-1.log', bytes: 1000 }),
    });
    await transfers.getState().download(DOMAIN, NAME, attachment(1));
    expect(byId('t1')).toMatchObject({ direction: 'download', state: 'done', savedTo: '/home/me/file-1.log' });
    expect(bridge.calls.find((c) => c.channel === 'attachment:download')?.request).toEqual({
      domain: DOMAIN,
      attachment: attachment(1).name,
      transferId: 't1',
    });
  });

  it('leaves no trace when the save dialog is cancelled', async () => {
    const { transfers } = await setup({ 'attachment:download': () => null });
    await transfers.getState().download(DOMAIN, NAME, attachment(1));
    expect(transfers.getState().transfers).toEqual([]);
  });

  it('keeps a failure with its cause', async () => {
    const { transfers, byId } = await setup({
      'attachment:download': () => {
        throw { code: 'offline', message: 'down' };
      },
    });
    await transfers.getState().download(DOMAIN, NAME, attachment(1));
    expect(byId('t1')).toMatchObject({ state: 'failed', error: { code: 'offline' } });
  });

  it('forgets a signed-out domain and releases its staged files', async () => {
    const { transfers, released } = await setup({
      'attachment:upload': () => {
        throw { code: 'server', message: '503' };
      },
    });
    transfers.getState().enqueueUploads(DOMAIN, NAME, [staged(1)]);
    await settle();
    transfers.getState().forget(DOMAIN);
    expect(transfers.getState().transfers).toEqual([]);
    expect(released()).toEqual(['f1']);
  });
});
