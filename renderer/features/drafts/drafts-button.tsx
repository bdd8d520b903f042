import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { useDrafts, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';

/** The domain header's Drafts button, with how many there are, styled as its Outbox neighbour. */
export function DraftsButton({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const count = useDrafts((s) => s.lists[domain]?.drafts.length ?? 0);
  return (
    <Button
      variant="ghost"
      size="sm"
      icon="draft"
      onClick={() => stores.ui.getState().showDialog({ kind: 'drafts', domain })}
      data-testid="drafts-button"
      data-count={count}
    >
      {count > 0 ? t('drafts.buttonCount', { n: format.count(count) }) : t('drafts.button')}
    </Button>
  );
}
