import type { TFunction } from 'i18next';
import type { Notice } from '../../../shared/model/notice';

/** A notice in words, in the UI language, from its code and facts. */
export function noticeText(t: TFunction, notice: Notice, isSingular: (count: number) => boolean): string {
  switch (notice.code) {
    case 'database_recovered': {
      const domain = notice.facts.domain ?? '';
      const salvaged = Number(notice.facts.salvaged ?? 0);
      if (!Number.isInteger(salvaged) || salvaged <= 0) return t('notices.databaseRecovered', { domain });
      const key = isSingular(salvaged)
        ? 'notices.databaseRecoveredSalvagedOne'
        : 'notices.databaseRecoveredSalvagedOther';
      return t(key, { domain, n: salvaged });
    }
    case 'settings_recovered':
      return t(
        notice.facts.source === 'last_good' ? 'notices.settingsRecoveredLastGood' : 'notices.settingsRecoveredDefaults',
      );
    case 'account_skipped':
      return t('notices.accountSkipped', { entry: notice.facts.entry ?? '' });
    case 'secrets_unreachable': {
      const domains = notice.facts.domains ?? '';
      if (notice.facts.reason === 'not_kept') return t('notices.secretsNotKept', { domains });
      if (notice.facts.reason === 'unreadable') return t('notices.secretsUnreadable', { domains });
      return t('notices.secretsUnreachable', { domains });
    }
  }
}
