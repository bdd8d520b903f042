import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/model/customer';
import { useFormat } from '../../i18n/use-format';
import { isCustomerMuted, withCustomerMuted } from '../../store/notification-rules-edit';
import { useSettings } from '../../store/stores-context';
import { menuAnchorFrom, type MenuAnchor } from '../../ui/context-menu';
import { Icon } from '../../ui/icon';
import { NewCaseForCustomerButton } from '../new-case/new-case-button';
import { MuteMenu } from '../settings/mute-menu';

const CUSTOMER_ROW_HEIGHT = 48;

/** The domain's customers, virtualized: a reseller can have a thousand of them. */
export function CustomerList({
  domain,
  customers,
  selectedId,
  onSelect,
}: {
  domain: string;
  customers: readonly Customer[];
  selectedId: string | undefined;
  onSelect: (customerId: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ customer: Customer; anchor: MenuAnchor } | null>(null);
  const mutedCustomers = useSettings((s) => s.settings.notifications.mutedCustomers);
  const openMenu = useCallback((customer: Customer, event: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => {
    const anchor = menuAnchorFrom(event);
    if (!anchor) return;
    event.preventDefault();
    setMenu({ customer, anchor });
  }, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: customers.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CUSTOMER_ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div ref={scroller} className="side-list">
      <div role="list" className="side-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const customer = customers[item.index];
          if (!customer) return null;
          return (
            <CustomerItem
              key={customer.customerId}
              domain={domain}
              customer={customer}
              top={item.start}
              position={item.index + 1}
              setSize={customers.length}
              current={selectedId === customer.customerId}
              muted={mutedCustomers.some((c) => c.domain === domain && c.customerId === customer.customerId)}
              onSelect={onSelect}
              onMenu={openMenu}
            />
          );
        })}
      </div>
      {menu && (
        <CustomerMenu domain={domain} customer={menu.customer} anchor={menu.anchor} onClose={() => setMenu(null)} />
      )}
    </div>
  );
}

const CustomerItem = memo(function CustomerItem({
  domain,
  customer,
  top,
  position,
  setSize,
  current,
  muted,
  onSelect,
  onMenu,
}: {
  domain: string;
  customer: Customer;
  top: number;
  position: number;
  setSize: number;
  current: boolean;
  muted: boolean;
  onSelect: (customerId: string) => void;
  /** Right-click, Shift+F10 or the ContextMenu key on the customer: its menu. */
  onMenu: (customer: Customer, event: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const blocked = customer.access === 'not_granted';
  // Learned only by reading the customer's cases: without that, say so rather than imply access.
  const unknown = customer.access === 'unknown';
  return (
    <div
      role="listitem"
      aria-posinset={position}
      aria-setsize={setSize}
      className={current ? 'side-list-row is-current' : 'side-list-row'}
      style={{ transform: `translateY(${top}px)` }}
    >
      <button
        type="button"
        className={blocked ? 'side-item side-customer is-blocked' : 'side-item side-customer'}
        aria-current={current ? 'page' : undefined}
        onClick={() => onSelect(customer.customerId)}
        onContextMenu={(event) => onMenu(customer, event)}
        onKeyDown={(event) => onMenu(customer, event)}
        data-testid={`customer-${customer.customerId}`}
        data-muted={muted}
        title={
          blocked
            ? t('customers.noAccessHint')
            : unknown
              ? `${customer.domain} — ${t('customers.accessUnknownHint')}`
              : customer.domain
        }
        data-access={customer.access}
      >
        <Icon name={blocked ? 'warning' : 'building'} className={blocked ? 'side-customer-warning' : undefined} />
        <span className="side-customer-text">
          <span className="side-item-label">{customer.organizationName || customer.domain}</span>
          <span className="side-item-sub">
            {blocked ? (
              t('customers.noAccess')
            ) : unknown ? (
              <span className="side-access-unknown">{t('customers.accessUnknown')}</span>
            ) : (
              customer.domain
            )}
            {customer.premiumSupport && <span className="side-premium"> · {t('customers.premium')}</span>}
          </span>
        </span>
        {muted && (
          <span className="side-muted" data-testid="customer-muted">
            <Icon name="bellOff" size={13} />
            <span className="visually-hidden">{t('notificationSettings.muted')}</span>
          </span>
        )}
        {!blocked && customer.caseCount > 0 && <span className="side-count">{format.count(customer.caseCount)}</span>}
      </button>
      {!blocked && <NewCaseForCustomerButton domain={domain} customer={customer} />}
    </div>
  );
});

/** A customer's menu: mute or unmute the notifications about its cases (the rule is kept in the settings). */
function CustomerMenu({
  domain,
  customer,
  anchor,
  onClose,
}: {
  domain: string;
  customer: Customer;
  anchor: MenuAnchor;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { customerId } = customer;
  return (
    <MuteMenu
      anchor={anchor}
      label={t('notificationSettings.customerMenu', { customer: customer.organizationName || customer.domain })}
      onClose={onClose}
      testId="customer-menu"
      isMuted={(rules) => isCustomerMuted(rules, domain, customerId)}
      withMuted={(rules, muted) => withCustomerMuted(rules, domain, customerId, muted)}
    />
  );
}
