import { useTranslation } from 'react-i18next';
import type { DraftCustomer } from '../../store/new-case-store';
import { useStores } from '../../store/stores-context';
import { Button, IconButton } from '../../ui/button';
import { openNewCase } from './open-new-case';

/** The domain header's New case button; on a customer's list, the customer is chosen in the flow. */
export function NewCaseButton({ domain, customer }: { domain: string; customer?: DraftCustomer }) {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <Button
      variant="primary"
      size="sm"
      icon="plus"
      onClick={() => openNewCase(stores, domain, customer)}
      aria-keyshortcuts="Control+N Meta+N"
      data-testid="new-case"
    >
      {t('newCase.button')}
    </Button>
  );
}

/** The icon button beside a customer in the side list. */
export function NewCaseForCustomerButton({ domain, customer }: { domain: string; customer: DraftCustomer }) {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <IconButton
      icon="plus"
      size="sm"
      label={t('newCase.buttonFor', { customer: customer.organizationName || customer.domain })}
      onClick={() => openNewCase(stores, domain, customer)}
      className="side-new-case"
      data-testid={`new-case-for-${customer.customerId}`}
    />
  );
}
