import type { BaseWindow, Dialog, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { createBasicTextConsent } from '../../main/electron/secret-stores/basic-text-consent';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';

/** Electron's showMessageBox, answering with the button index the test gives. */
function fakeDialog(response: number) {
  const calls: { parent: BaseWindow | null; options: MessageBoxOptions }[] = [];
  const dialog: Pick<Dialog, 'showMessageBox'> = {
    async showMessageBox(first: BaseWindow | MessageBoxOptions, second?: MessageBoxOptions) {
      calls.push(
        second
          ? { parent: first as BaseWindow, options: second }
          : { parent: null, options: first as MessageBoxOptions },
      );
      return { response, checkboxChecked: false } satisfies MessageBoxReturnValue;
    },
  };
  return { dialog, calls };
}

const WINDOW = { id: 1 } as unknown as BaseWindow;

describe('asking before keeping sign-ins with basic_text', () => {
  it('explains in the app’s language, refusal first and by default, and agrees only on the second button', async () => {
    const refused = fakeDialog(0);
    expect(
      await createBasicTextConsent({ dialog: refused.dialog, parent: () => null, text: () => fr.native.secrets })(),
    ).toBe(false);
    expect(refused.calls).toEqual([
      {
        parent: null,
        options: expect.objectContaining({
          type: 'warning',
          title: fr.native.secrets.basicTextTitle,
          message: fr.native.secrets.basicTextMessage,
          detail: fr.native.secrets.basicTextDetail,
          buttons: [fr.native.secrets.basicTextRefuse, fr.native.secrets.basicTextAccept],
          defaultId: 0,
          cancelId: 0,
        }),
      },
    ]);

    const accepted = fakeDialog(1);
    expect(
      await createBasicTextConsent({ dialog: accepted.dialog, parent: () => WINDOW, text: () => en.native.secrets })(),
    ).toBe(true);
    expect(accepted.calls[0]!.parent).toBe(WINDOW);
    expect(accepted.calls[0]!.options.buttons).toEqual([
      en.native.secrets.basicTextRefuse,
      en.native.secrets.basicTextAccept,
    ]);
  });

  it('says plainly what basic_text is and what refusing costs, in both languages', () => {
    expect(en.native.secrets.basicTextDetail).toMatch(/same on every computer/);
    expect(en.native.secrets.basicTextDetail).toMatch(/sign in again at each start/);
    expect(fr.native.secrets.basicTextDetail).toMatch(/identique sur tous les ordinateurs/);
  });
});
