import type { BaseWindow, Dialog, MessageBoxOptions } from 'electron';
import type { Catalog } from '../../../shared/i18n/en';

export interface BasicTextConsentDeps {
  dialog: Pick<Dialog, 'showMessageBox'>;
  /** The app window the dialog belongs to, or null while there is none (at start). */
  parent(): BaseWindow | null;
  /** The explanation and the two answers in the app's current language (the shared catalogs). */
  text(): Catalog['native']['secrets'];
}

/**
 * Asks, in a native dialog from main, whether sign-ins may be kept in a file scrambled
 * with safeStorage's basic_text, whose key is the same on every machine. Refusing is the
 * default (Enter, Escape, closing the dialog): sign-ins then last until Partner Desk quits.
 */
export function createBasicTextConsent(deps: BasicTextConsentDeps): () => Promise<boolean> {
  return async () => {
    const text = deps.text();
    const options = {
      type: 'warning',
      title: text.basicTextTitle,
      message: text.basicTextMessage,
      detail: text.basicTextDetail,
      buttons: [text.basicTextRefuse, text.basicTextAccept],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    } satisfies MessageBoxOptions;
    const parent = deps.parent();
    const { response } = parent
      ? await deps.dialog.showMessageBox(parent, options)
      : await deps.dialog.showMessageBox(options);
    return response === 1;
  };
}
