import type { MenuItemConstructorOptions } from 'electron';
import { CATALOGS } from '../../shared/i18n/catalogs';
import type { UiLanguage } from '../../shared/i18n/resolve-language';
import { googleHelpUrl } from '../../shared/external-links';

export interface AppMenuOptions {
  /** The app's language (Settings, or the OS's): the menu is rebuilt when it changes. */
  language: UiLanguage;
  platform: NodeJS.Platform;
  /** Development builds get reload and the developer tools. */
  isDev: boolean;
  openExternal(url: string): void;
  showLogs(): void;
}

/**
 * The native menu: Edit roles make copy/paste and undo work in text fields, the window
 * roles are what each OS expects. Role items get their labels from the OS.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const labels = CATALOGS[options.language].native.menu;
  const isMac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  else template.push({ role: 'fileMenu' });
  template.push({
    label: labels.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: labels.view,
    submenu: [
      ...(options.isDev
        ? ([
            { role: 'reload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ label: labels.window, role: 'windowMenu' });
  template.push({
    label: labels.help,
    role: 'help',
    submenu: [
      {
        label: labels.helpCenter,
        click: () => options.openExternal(googleHelpUrl('resellerSupport', options.language)),
      },
      { label: labels.logs, click: () => options.showLogs() },
    ],
  });
  return template;
}
