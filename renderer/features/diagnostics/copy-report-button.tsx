import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildDiagnosticsReport } from '../../../shared/diagnostics/diagnostics-report';
import type { UiLanguage } from '../../../shared/i18n/resolve-language';
import type { Diagnostics } from '../../../shared/model/diagnostics';
import { useCustomers, useSettings, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';

/**
 * Copies the redacted plain-text report (shared/diagnostics/diagnostics-report.ts) to the
 * clipboard, and says so in a live region. navigator.clipboard.writeText needs
 * clipboard-sanitized-write, the one permission main grants the window's page.
 */
export function CopyReportButton({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t, i18n } = useTranslation();
  const stores = useStores();
  const seen = useCustomers((s) => s.lists[diagnostics.domain]?.seen);
  const appVersion = useSettings((s) => s.appInfo?.version);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  const copy = async () => {
    const report = buildDiagnosticsReport(diagnostics, {
      language: i18n.language as UiLanguage,
      customers: Object.values(seen ?? {}),
      appVersion,
    });
    try {
      await navigator.clipboard.writeText(report);
      setCopied('copied');
    } catch (error) {
      stores.client.log.warn('Could not copy the diagnostics report', error);
      setCopied('failed');
    }
  };

  return (
    <div className="diagnostics-copy">
      <Button icon="copy" onClick={() => void copy()} data-testid="copy-report">
        {t('diagnostics.copy')}
      </Button>
      <span
        role="status"
        className={copied === 'failed' ? 'diagnostics-copy-status is-failed' : 'diagnostics-copy-status'}
        data-testid="copy-status"
        data-state={copied ?? 'idle'}
      >
        {copied === 'copied' ? t('diagnostics.copied') : copied === 'failed' ? t('diagnostics.copyFailed') : ''}
      </span>
    </div>
  );
}
