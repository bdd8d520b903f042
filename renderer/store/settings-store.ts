import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { InvokeResponse } from '../../shared/ipc/contract';
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
  /** settings:changed */
  apply(settings: Settings): void;
}

export function createSettingsStore(client: PartnerDeskClient): StoreApi<SettingsState> {
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
      set({ settings: { ...before, ...change } });
      try {
        set({ settings: await client.invoke('settings:set', change), error: null });
      } catch (error) {
        set({ settings: before, error: toErrorData(error) });
      }
    },

    apply(settings) {
      set({ settings });
    },
  }));
}
