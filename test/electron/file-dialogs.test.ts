import { join } from 'node:path';
import type {
  BaseWindow,
  Dialog,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import { describe, expect, it } from 'vitest';
import { createFileDialogs } from '../../main/electron/file-dialogs';
import { fr } from '../../shared/i18n/fr';

/** Electron's dialog module, answering what the test says and recording each call. */
function fakeDialog(answers: { open?: OpenDialogReturnValue; save?: SaveDialogReturnValue }) {
  const calls: { kind: 'open' | 'save'; parent: BaseWindow | null; options: OpenDialogOptions | SaveDialogOptions }[] =
    [];
  const dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'> = {
    async showOpenDialog(first: BaseWindow | OpenDialogOptions, second?: OpenDialogOptions) {
      calls.push(
        second
          ? { kind: 'open', parent: first as BaseWindow, options: second }
          : { kind: 'open', parent: null, options: first },
      );
      return answers.open ?? { canceled: true, filePaths: [] };
    },
    async showSaveDialog(first: BaseWindow | SaveDialogOptions, second?: SaveDialogOptions) {
      calls.push(
        second
          ? { kind: 'save', parent: first as BaseWindow, options: second }
          : { kind: 'save', parent: null, options: first },
      );
      return answers.save ?? { canceled: true, filePath: '' };
    },
  };
  return { dialog, calls };
}

const WINDOW = { id: 1 } as unknown as BaseWindow;
const DOWNLOADS = join('/home', 'me', 'Downloads');

describe('native file dialogs', () => {
  it('opens a multi-select, files-only dialog on the app window and returns what was picked', async () => {
    const picked = [join('/home', 'me', 'a.har'), join('/home', 'me', 'b.png')];
    const { dialog, calls } = fakeDialog({ open: { canceled: false, filePaths: picked } });
    const dialogs = createFileDialogs({
      dialog,
      parent: () => WINDOW,
      downloadsDir: () => DOWNLOADS,
      text: () => fr.native.dialogs,
    });
    await expect(dialogs.chooseFilesToUpload()).resolves.toEqual(picked);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.parent).toBe(WINDOW);
    const properties = (calls[0]!.options as OpenDialogOptions).properties ?? [];
    expect(properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(properties).not.toContain('openDirectory');
    // Worded in the app's language, from the shared catalogs.
    expect(calls[0]!.options).toMatchObject({
      title: fr.native.dialogs.attachTitle,
      buttonLabel: fr.native.dialogs.attachButton,
    });
  });

  it('returns [] when the open dialog is cancelled, even if paths came with it', async () => {
    const { dialog } = fakeDialog({ open: { canceled: true, filePaths: ['/home/me/a.har'] } });
    const dialogs = createFileDialogs({
      dialog,
      parent: () => WINDOW,
      downloadsDir: () => DOWNLOADS,
      text: () => fr.native.dialogs,
    });
    await expect(dialogs.chooseFilesToUpload()).resolves.toEqual([]);
  });

  it("proposes the attachment's name in Downloads and returns the chosen path", async () => {
    const chosen = join('/tmp', 'elsewhere', 'capture.har');
    const { dialog, calls } = fakeDialog({ save: { canceled: false, filePath: chosen } });
    const dialogs = createFileDialogs({
      dialog,
      parent: () => WINDOW,
      downloadsDir: () => DOWNLOADS,
      text: () => fr.native.dialogs,
    });
    await expect(dialogs.chooseSaveLocation('capture.har')).resolves.toBe(chosen);
    expect(calls[0]).toMatchObject({ kind: 'save', parent: WINDOW });
    expect((calls[0]!.options as SaveDialogOptions).defaultPath).toBe(join(DOWNLOADS, 'capture.har'));
    expect((calls[0]!.options as SaveDialogOptions).properties).toContain('showOverwriteConfirmation');
    expect((calls[0]!.options as SaveDialogOptions).title).toBe(fr.native.dialogs.saveTitle);
  });

  it('returns null when the save dialog is cancelled or gives no path', async () => {
    for (const save of [
      { canceled: true, filePath: '/tmp/x' },
      { canceled: false, filePath: '' },
    ]) {
      const { dialog } = fakeDialog({ save });
      const dialogs = createFileDialogs({
        dialog,
        parent: () => WINDOW,
        downloadsDir: () => DOWNLOADS,
        text: () => fr.native.dialogs,
      });
      await expect(dialogs.chooseSaveLocation('capture.har')).resolves.toBeNull();
    }
  });

  it('opens unparented dialogs while there is no window', async () => {
    const { dialog, calls } = fakeDialog({ open: { canceled: false, filePaths: ['/home/me/a.har'] } });
    const dialogs = createFileDialogs({
      dialog,
      parent: () => null,
      downloadsDir: () => DOWNLOADS,
      text: () => fr.native.dialogs,
    });
    await dialogs.chooseFilesToUpload();
    await dialogs.chooseSaveLocation('a.har');
    expect(calls.map((call) => [call.kind, call.parent])).toEqual([
      ['open', null],
      ['save', null],
    ]);
  });
});
