import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { unsentCount } from '../../store/outbox-store';
import { useOutbox, useStores } from '../../store/stores-context';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';

/** The domain header's way into its outbox, with the count of items not sent yet. */
export function OutboxButton({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const count = useOutbox((s) => unsentCount(s.lists[domain]));
  useEffect(() => {
    void stores.outbox.getState().load(domain);
  }, [stores, domain]);
  return (
    <Button
      variant="ghost"
      size="sm"
      icon="outbox"
      onClick={() => stores.ui.getState().showDialog({ kind: 'outbox', domain })}
      data-testid="outbox-button"
      data-unsent={count}
    >
      {t('outbox.button')}
      {/* Said after the visible count, not instead of it: the name a voice user speaks is the text seen. */}
      {count > 0 && (
        <>
          <Badge tone="warning">{format.count(count)}</Badge>
          <span className="visually-hidden">{t('outbox.unsent')}</span>
        </>
      )}
    </Button>
  );
}
