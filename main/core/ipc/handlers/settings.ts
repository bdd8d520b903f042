import type { EventSink, InvokeHandlers } from '../../../../shared/ipc/contract';
import type { PreferencesStore } from '../../settings/preferences-store';
import type { RequireSession } from './require-session';

export interface SettingsHandlersDeps {
  preferences: PreferencesStore;
  requireSession: RequireSession;
  emit: EventSink;
}

/** The app's settings, and each domain's remembered filters (only for a signed-in domain). */
export function settingsHandlers({
  preferences,
  requireSession,
  emit,
}: SettingsHandlersDeps): Pick<InvokeHandlers, 'settings:get' | 'settings:set' | 'filters:get' | 'filters:set'> {
  return {
    'settings:get': async () => preferences.settings(),
    'settings:set': async (changes) => {
      const settings = preferences.updateSettings(changes);
      emit('settings:changed', settings);
      return settings;
    },
    'filters:get': async ({ domain }) => {
      requireSession(domain);
      return preferences.filters(domain);
    },
    'filters:set': async ({ domain, filters }) => {
      requireSession(domain);
      preferences.setFilters(domain, filters);
      return {};
    },
  };
}
