import { join } from 'node:path';
import type { BaseWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileDialogs } from '../core/ports';
import type { Catalog } from '../../shared/i18n/en';

export interface FileDialogsDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The app window the dialogs belong to (a sheet on macOS, modal elsewhere), or null while there is none. */
  parent(): BaseWindow | null;
  /** Where the save dialog starts (the user's Downloads folder). */
  downloadsDir(): string;
  /** Titles and button in the app's current language (the shared catalogs). */
  text(): Catalog['native']['dialogs'];
}

/**
 * The core's FileDialogs over Electron's native dialogs. The open dialog allows several
 * files and no folders; the save dialog proposes the attachment's own name in Downloads
 * and asks before overwriting. A cancelled dialog is [] or null, never an error.
 */
export function createFileDialogs(deps: FileDialogsDeps): FileDialogs {
  return {
    async chooseFilesToUpload() {
      const text = deps.text();
      const options = {
        title: text.attachTitle,
        buttonLabel: text.attachButton,
        properties: ['openFile', 'multiSelections'],
      } satisfies OpenDialogOptions;
      const parent = deps.parent();
      const result = parent
        ? await deps.dialog.showOpenDialog(parent, options)
        : await deps.dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSaveLocation(suggestedName) {
      const options = {
        title: deps.text().saveTitle,
        defaultPath: join(deps.downloadsDir(), suggestedName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      } satisfies SaveDialogOptions;
      const parent = deps.parent();
      const result = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
