import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../shared/model/account';
import { privilegeName } from '../i18n/privilege-name';
import { useFormat } from '../i18n/use-format';
import { isDomainMuted, withDomainMuted } from '../store/notification-rules-edit';
import { useAccounts, useSettings, useStores } from '../store/stores-context';
import { IconButton } from '../ui/button';
import { ContextMenu, menuAnchorFrom, type MenuAnchor } from '../ui/context-menu';
import { Icon } from '../ui/icon';

export function domainTabId(domain: string): string {
  return `domain-tab-${domain}`;
}
export function domainPanelId(domain: string): string {
  return `domain-panel-${domain}`;
}

/**
 * One tab per signed-in reseller domain. Arrows move between tabs, Alt+Shift+arrows move
 * the focused tab, and tabs can be dragged; the order is saved by accounts:reorder.
 */
export function DomainTabBar() {
  const { t } = useTranslation();
  const stores = useStores();
  const accounts = useAccounts((s) => s.accounts);
  const active = useAccounts((s) => s.activeDomain);
  const modifier = useSettings((s) => (s.appInfo?.platform === 'darwin' ? '⌘' : 'Ctrl'));
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ domain: string; anchor: MenuAnchor } | null>(null);
  const mutedDomains = useSettings((s) => s.settings.notifications.mutedDomains);

  const focusTab = (domain: string | undefined) => {
    if (domain) requestAnimationFrame(() => tabs.current.get(domain)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number, domain: string) => {
    const anchor = menuAnchorFrom(event);
    if (anchor) {
      event.preventDefault();
      setMenu({ domain, anchor });
      return;
    }
    const state = stores.accounts.getState();
    const horizontal = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (horizontal && event.altKey && event.shiftKey) {
      event.preventDefault();
      void state.move(domain, horizontal);
      focusTab(domain);
      return;
    }
    let target: Account | undefined;
    if (horizontal) target = accounts[(index + horizontal + accounts.length) % accounts.length];
    else if (event.key === 'Home') target = accounts[0];
    else if (event.key === 'End') target = accounts[accounts.length - 1];
    if (!target) return;
    event.preventDefault();
    state.activate(target.domain);
    focusTab(target.domain);
  };

  return (
    <header className="tab-bar">
      <div className="tab-bar-brand" aria-hidden="true">
        <span className="brand-mark">P</span>
      </div>
      {/* A tablist needs tabs: with no domain yet, the bar holds only its buttons. */}
      <div
        role={accounts.length > 0 ? 'tablist' : undefined}
        aria-label={accounts.length > 0 ? t('tabs.label') : undefined}
        className="tab-list"
        aria-orientation={accounts.length > 0 ? 'horizontal' : undefined}
      >
        {accounts.map((account, index) => {
          const selected = account.domain === active;
          const muted = mutedDomains.includes(account.domain);
          const classes = [
            'domain-tab',
            selected && 'is-selected',
            dropTarget === account.domain && dragged !== account.domain && 'is-drop-target',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <button
              key={account.domain}
              ref={(el) => {
                if (el) tabs.current.set(account.domain, el);
                else tabs.current.delete(account.domain);
              }}
              type="button"
              role="tab"
              id={domainTabId(account.domain)}
              aria-selected={selected}
              aria-controls={domainPanelId(account.domain)}
              tabIndex={selected ? 0 : -1}
              className={classes}
              data-muted={muted}
              title={
                index < 9
                  ? t('tabs.shortcutHint', { domain: account.domain, key: `${modifier}+${index + 1}` })
                  : account.domain
              }
              data-testid={`domain-tab-${account.domain}`}
              draggable
              onClick={() => stores.accounts.getState().activate(account.domain)}
              onKeyDown={(event) => onKeyDown(event, index, account.domain)}
              onContextMenu={(event) => {
                const anchor = menuAnchorFrom(event);
                if (!anchor) return;
                event.preventDefault();
                setMenu({ domain: account.domain, anchor });
              }}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', account.domain);
                setDragged(account.domain);
              }}
              onDragOver={(event) => {
                if (!dragged) return;
                event.preventDefault();
                setDropTarget(account.domain);
              }}
              onDragLeave={() => setDropTarget((d) => (d === account.domain ? null : d))}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged) void stores.accounts.getState().moveTo(dragged, account.domain);
                setDragged(null);
                setDropTarget(null);
              }}
              onDragEnd={() => {
                setDragged(null);
                setDropTarget(null);
              }}
            >
              {account.status === 'needs_sign_in' && <Icon name="warning" size={14} className="tab-warning" />}
              <span className="domain-tab-name">{account.domain}</span>
              {muted && (
                <span className="tab-muted" data-testid="tab-muted">
                  <Icon name="bellOff" size={13} />
                  <span className="visually-hidden">{t('notificationSettings.muted')}</span>
                </span>
              )}
              <AttentionBadge count={account.attentionCount} />
              {account.status === 'needs_sign_in' && <span className="visually-hidden">{t('tabs.needsSignIn')}</span>}
              {account.missingPrivilege !== undefined && <MissingPrivilegeMark account={account} />}
            </button>
          );
        })}
      </div>
      {menu && <TabMenu domain={menu.domain} anchor={menu.anchor} onClose={() => setMenu(null)} />}
      <IconButton
        icon="plus"
        label={t('accounts.addDomain')}
        onClick={() => stores.ui.getState().showDialog({ kind: 'add-domain' })}
        data-testid="add-domain"
      />
      <div className="tab-bar-spacer" />
      <IconButton
        icon="settings"
        label={t('settings.title')}
        onClick={() => stores.ui.getState().showDialog({ kind: 'settings' })}
        data-testid="open-settings"
      />
    </header>
  );
}

/** A tab's menu: mute or unmute its notifications (the rule is kept in the settings). */
function TabMenu({ domain, anchor, onClose }: { domain: string; anchor: MenuAnchor; onClose(): void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const muted = useSettings((s) => isDomainMuted(s.settings.notifications, domain));
  return (
    <ContextMenu
      anchor={anchor}
      label={t('notificationSettings.tabMenu', { domain })}
      onClose={onClose}
      testId="tab-menu"
      items={[
        {
          label: muted ? t('notificationSettings.unmuteMenu') : t('notificationSettings.mute'),
          icon: muted ? 'bell' : 'bellOff',
          testId: 'tab-menu-mute',
          onSelect: () =>
            void stores.settings.getState().updateNotifications((rules) => withDomainMuted(rules, domain, !muted)),
        },
      ]}
    />
  );
}

/** The tab's user lacks a reseller privilege: a lock on the tab, and the privilege in words. */
function MissingPrivilegeMark({ account }: { account: Account }) {
  const { t } = useTranslation();
  const privilege = account.missingPrivilege
    ? privilegeName(t, account.missingPrivilege)
    : t('errors.unknownPrivilege');
  return (
    <span
      className="tab-missing-privilege"
      title={t('tabs.missingPrivilegeHint', { privilege, domain: account.domain })}
      data-testid="tab-missing-privilege"
    >
      <Icon name="lock" size={13} />
      <span className="visually-hidden">{t('tabs.missingPrivilege')}</span>
    </span>
  );
}

function AttentionBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (count === 0) return null;
  return (
    <span className="tab-badge" data-testid="attention-badge" title={t('tabs.attention', { n: format.count(count) })}>
      <span aria-hidden="true">{format.count(count)}</span>
      <span className="visually-hidden">{t('tabs.attention', { n: format.count(count) })}</span>
    </span>
  );
}
