import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { InvokeResponse } from '../../shared/ipc/contract';
import type { NotificationRules } from '../../shared/model/notification-rules';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';

export type AppInfo = InvokeResponse<'app:info'>;

export interface SettingsState {
  settings: Settings;
  appInfo: AppInfo | null;
  loaded: boolean;
  error: AppErrorData | null;
  load(): Promise<void>;
  update(change: Partial<Settings>): Promise<void>;
  /** Changes the notification rules from the latest ones (two quick edits both stay). */
  updateNotifications(change: (rules: NotificationRules) => NotificationRules): Promise<void>;
  /** settings:changed */
  apply(settings: Settings): void;
}

export function createSettingsStore(client: PartnerDeskClient): StoreApi<SettingsState> {
  // Only the latest edit's answer (or failure) sets the settings: an earlier one would undo a later edit on screen.
  let seq = 0;
  return createStore<SettingsState>((set, get) => ({
    settings: DEFAULT_SETTINGS,
    appInfo: null,
    loaded: false,
    error: null,

    async load() {
      try {
        const [appInfo, settings] = await Promise.all([
          client.invoke('app:info', {}),
          client.invoke('settings:get', {}),
        ]);
        set({ appInfo, settings, loaded: true, error: null });
      } catch (error) {
        set({ loaded: true, error: toErrorData(error) });
      }
    },

    async update(change) {
      const before = get().settings;
      const mine = ++seq;
      set({ settings: { ...before, ...change } });
      try {
        const settings = await client.invoke('settings:set', change);
        if (mine === seq) set({ settings, error: null });
      } catch (error) {
        if (mine === seq) set({ settings: before, error: toErrorData(error) });
      }
    },

    updateNotifications(change) {
      return get().update({ notifications: change(get().settings.notifications) });
    },

    apply(settings) {
      set({ settings });
    },
  }));
}
