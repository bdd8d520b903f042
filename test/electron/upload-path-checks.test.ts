import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainAttachments, type DomainAttachmentsDeps } from '../../main/core/cases/attachments';
import { StagedFiles } from '../../main/core/files/staged-files';
import { Transfers } from '../../main/core/files/transfers';
import { systemClock, type FileAccess, type FileInfo, type FileSource } from '../../main/core/ports';
import type { TransferProgress } from '../../shared/model/case-actions';

const CASE = 'organizations/100/cases/200';
const FILE: FileInfo = { kind: 'file', size: 12, readable: true };

/** A disk the test rearranges between staging and upload; it records every file opened. */
class FakeDisk implements FileAccess {
  readonly entries = new Map<string, FileInfo>();
  readonly opened: string[] = [];

  async inspect(path: string): Promise<FileInfo | null> {
    return this.entries.get(path) ?? null;
  }

  async openForUpload(path: string): Promise<FileSource> {
    this.opened.push(path);
    const info = this.entries.get(path);
    if (!info) throw new Error(`nothing at ${path}`);
    return {
      filename: basename(path),
      size: info.size,
      mimeType: 'text/plain',
      stream: () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array(info.size));
            controller.close();
          },
        }),
    };
  }

  async createForDownload(): Promise<never> {
    throw new Error('no download in these tests');
  }
}

function setup(maxBytes = 1000) {
  const disk = new FakeDisk();
  const staged = new StagedFiles({ files: disk, maxBytes });
  const uploaded: string[] = [];
  const progress: TransferProgress[] = [];
  const deps: DomainAttachmentsDeps = {
    domain: 'northwind.example',
    cloudSupport: () => ({
      async uploadAttachment(caseName, source) {
        const reader = source.stream().getReader();
        let size = 0;
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) size += chunk.value.byteLength;
        uploaded.push(source.filename);
        return { name: `${caseName}/attachments/1`, filename: source.filename, sizeBytes: String(size) };
      },
      async downloadAttachment() {
        throw new Error('no download in these tests');
      },
    }),
    ownsOrganization: (organization) => organization === 'organizations/100',
    cachedCase: () => undefined,
    refreshCase: async () => {
      throw new Error('the case is not read in these tests');
    },
    stagedFiles: staged,
    files: disk,
    dialogs: { chooseFilesToUpload: async () => [], chooseSaveLocation: async () => null },
    transfers: new Transfers(),
    emitProgress: (p) => progress.push(p),
    clock: systemClock,
    log: { warn: () => undefined },
  };
  return { disk, staged, uploaded, progress, attachments: new DomainAttachments(deps) };
}

describe('upload path checks', () => {
  it('uploads a staged file from the path that was staged, and only that one', async () => {
    const { disk, staged, uploaded, attachments } = setup();
    disk.entries.set('/home/me/report.txt', FILE);
    const file = await staged.stage('/home/me/report.txt');
    expect(file).toMatchObject({ filename: 'report.txt', sizeBytes: 12 });
    expect(file.fileId).not.toContain('report');
    await expect(attachments.upload(CASE, file.fileId, 't1')).resolves.toMatchObject({ sizeBytes: 12 });
    expect(disk.opened).toEqual(['/home/me/report.txt']);
    expect(uploaded).toEqual(['report.txt']);
  });

  it('refuses a forged path: the renderer can only name ids of staged files', async () => {
    const { disk, attachments, progress } = setup();
    disk.entries.set('/etc/passwd', FILE);
    for (const forged of ['/etc/passwd', '../../etc/passwd', 'c2VjcmV0']) {
      await expect(attachments.upload(CASE, forged, `t-${forged}`)).rejects.toMatchObject({
        code: 'not_found',
        detail: { reason: 'file_not_staged' },
      });
    }
    expect(disk.opened).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('refuses a released id', async () => {
    const { disk, staged, attachments } = setup();
    disk.entries.set('/home/me/report.txt', FILE);
    const file = await staged.stage('/home/me/report.txt');
    expect(staged.release(file.fileId)).toBe(true);
    await expect(attachments.upload(CASE, file.fileId, 't1')).rejects.toMatchObject({
      detail: { reason: 'file_not_staged' },
    });
    expect(disk.opened).toEqual([]);
  });

  it('refuses to stage a folder, a device, an unreadable, a missing, a relative or a too large path', async () => {
    const { disk, staged } = setup();
    disk.entries.set('/home/me/folder', { kind: 'directory', size: 0, readable: false });
    disk.entries.set('/dev/sda', { kind: 'other', size: 0, readable: false });
    disk.entries.set('/home/me/private.log', { kind: 'file', size: 10, readable: false });
    disk.entries.set('/home/me/huge.bin', { kind: 'file', size: 1001, readable: true });
    disk.entries.set('report.txt', FILE);
    const refusals = {
      '/home/me/folder': { code: 'invalid_argument', detail: { reason: 'not_a_file', filename: 'folder' } },
      '/dev/sda': { code: 'invalid_argument', detail: { reason: 'not_a_file', filename: 'sda' } },
      '/home/me/private.log': { code: 'invalid_argument', detail: { reason: 'unreadable', filename: 'private.log' } },
      '/home/me/gone.txt': { code: 'not_found', detail: { reason: 'file_vanished', filename: 'gone.txt' } },
      '/home/me/huge.bin': { code: 'too_large', detail: { filename: 'huge.bin', maxBytes: '1000', sizeBytes: '1001' } },
      'report.txt': { code: 'invalid_argument', detail: { reason: 'not_a_file' } },
    };
    for (const [path, refusal] of Object.entries(refusals)) {
      await expect(staged.stage(path), path).rejects.toMatchObject(refusal);
    }
  });

  it('checks the file again at upload: swapped for a folder or a device, unreadable, grown, or gone', async () => {
    const swaps: [FileInfo | null, object][] = [
      [
        { kind: 'directory', size: 0, readable: false },
        { code: 'invalid_argument', detail: { reason: 'not_a_file' } },
      ],
      [
        { kind: 'other', size: 0, readable: false },
        { code: 'invalid_argument', detail: { reason: 'not_a_file' } },
      ],
      [
        { kind: 'file', size: 12, readable: false },
        { code: 'invalid_argument', detail: { reason: 'unreadable' } },
      ],
      [{ kind: 'file', size: 5000, readable: true }, { code: 'too_large' }],
      [null, { code: 'not_found', detail: { reason: 'file_vanished', filename: 'report.txt' } }],
    ];
    for (const [now, refusal] of swaps) {
      const { disk, staged, attachments, progress, uploaded } = setup();
      disk.entries.set('/home/me/report.txt', FILE);
      const file = await staged.stage('/home/me/report.txt');
      if (now) disk.entries.set('/home/me/report.txt', now);
      else disk.entries.delete('/home/me/report.txt');
      await expect(attachments.upload(CASE, file.fileId, 't1')).rejects.toMatchObject(refusal);
      expect(disk.opened).toEqual([]);
      expect(uploaded).toEqual([]);
      expect(progress.at(-1)?.state).toBe('failed');
    }
  });

  it("refuses a case outside the domain's customers before touching the file", async () => {
    const { disk, staged, attachments } = setup();
    disk.entries.set('/home/me/report.txt', FILE);
    const file = await staged.stage('/home/me/report.txt');
    await expect(attachments.upload('organizations/999/cases/1', file.fileId, 't1')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(disk.opened).toEqual([]);
  });
});
