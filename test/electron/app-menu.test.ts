import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from '../../main/electron/app-menu';
import { googleHelpUrl } from '../../shared/external-links';
import { fr } from '../../shared/i18n/fr';
import { isAllowedExternalUrl } from '../../main/electron/open-external-guard';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

function menu(overrides: Partial<Parameters<typeof appMenuTemplate>[0]> = {}) {
  return appMenuTemplate({
    language: 'en',
    platform: 'linux',
    isDev: false,
    openExternal: vi.fn(),
    showLogs: vi.fn(),
    ...overrides,
  });
}

describe('application menu', () => {
  it('has the edit roles that make copy and paste work in text fields', () => {
    expect(roles(menu())).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(menu())).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(menu())).not.toContain('toggleDevTools');
    expect(roles(menu({ isDev: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('speaks the app language, from the shared catalogs', () => {
    expect(menu({ language: 'fr' }).map((item) => item.label)).toEqual([
      undefined,
      fr.native.menu.edit,
      fr.native.menu.view,
      fr.native.menu.window,
      fr.native.menu.help,
    ]);
    expect(menu({ language: 'en' }).map((item) => item.label)).toEqual([undefined, 'Edit', 'View', 'Window', 'Help']);
  });

  it('uses the app menu on macOS and the file menu elsewhere', () => {
    expect(menu({ platform: 'darwin' })[0]?.role).toBe('appMenu');
    expect(menu({ platform: 'win32' })[0]?.role).toBe('fileMenu');
  });

  it('opens the reseller help page in the menu language, a URL the open-external guard accepts', () => {
    const openExternal = vi.fn();
    const help = menu({ language: 'fr', openExternal }).at(-1)?.submenu as MenuItemConstructorOptions[];
    help[0]?.click?.({} as never, undefined, {} as never);
    expect(openExternal).toHaveBeenCalledWith(googleHelpUrl('resellerSupport', 'fr'));
    expect(openExternal.mock.calls[0]?.[0]).toMatch(/^https:\/\/support\.google\.com\/.*\?hl=fr$/);
    expect(
      isAllowedExternalUrl(openExternal.mock.calls[0]?.[0] as string, 'https://accounts.google.com/o/oauth2/v2/auth'),
    ).toBe(true);
  });
});
