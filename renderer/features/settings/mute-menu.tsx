import { useTranslation } from 'react-i18next';
import type { NotificationRules } from '../../../shared/model/notification-rules';
import { useSettings, useStores } from '../../store/stores-context';
import { ContextMenu, type MenuAnchor, type MenuItem } from '../../ui/context-menu';

/**
 * A context menu whose first item mutes or unmutes the notifications about what it was opened
 * on (a domain's tab, a customer), then `more` items. The rule is kept in the settings; isMuted
 * and withMuted read and edit the one rule the menu is about.
 */
export function MuteMenu({
  anchor,
  label,
  onClose,
  testId,
  isMuted,
  withMuted,
  more = [],
}: {
  anchor: MenuAnchor;
  label: string;
  onClose(): void;
  testId: string;
  isMuted(rules: NotificationRules): boolean;
  withMuted(rules: NotificationRules, muted: boolean): NotificationRules;
  more?: readonly MenuItem[];
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const muted = useSettings((s) => isMuted(s.settings.notifications));
  return (
    <ContextMenu
      anchor={anchor}
      label={label}
      onClose={onClose}
      testId={testId}
      items={[
        {
          label: muted ? t('notificationSettings.unmuteMenu') : t('notificationSettings.mute'),
          icon: muted ? 'bell' : 'bellOff',
          testId: `${testId}-mute`,
          onSelect: () => void stores.settings.getState().updateNotifications((rules) => withMuted(rules, !muted)),
        },
        ...more,
      ]}
    />
  );
}
