import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { unsentCount } from '../../store/outbox-store';
import { useOutbox, useStores } from '../../store/stores-context';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';

/** The domain header's way into its outbox, with the count of items not sent yet. */
export function OutboxButton({ domain }: { domain: string }) {
  const { t } = useTranslation();
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
      aria-label={count > 0 ? t('outbox.buttonLabel', { count }) : undefined}
      data-testid="outbox-button"
      data-unsent={count}
    >
      {t('outbox.button')}
      {count > 0 && <Badge tone="warning">{count}</Badge>}
    </Button>
  );
}
