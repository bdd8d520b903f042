import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../shared/model/account';
import { privilegeName } from '../i18n/privilege-name';
import { useFormat } from '../i18n/use-format';
import { isDomainMuted, withDomainMuted } from '../store/notification-rules-edit';
import { useAccounts, useSettings, useStores } from '../store/stores-context';
import { IconButton } from '../ui/button';
import { menuAnchorFrom, type MenuAnchor } from '../ui/context-menu';
import { Icon } from '../ui/icon';
import { QUEUE_PANEL_ID, QUEUE_TAB_ID } from '../features/queue/queue-view';
import { MuteMenu } from '../features/settings/mute-menu';

export function domainTabId(domain: string): string {
  return `domain-tab-${domain}`;
}
export function domainPanelId(domain: string): string {
  return `domain-panel-${domain}`;
}

/** The All-domains tab's key among the tabs' (no domain name is empty). */
const QUEUE_KEY = '';

/**
 * One tab per signed-in reseller domain, after the All-domains tab (the queue, not an
 * account). Arrows move between tabs, Alt+Shift+arrows move the focused domain tab, and
 * domain tabs can be dragged; the order is saved by accounts:reorder.
 */
export function DomainTabBar() {
  const { t } = useTranslation();
  const stores = useStores();
  const accounts = useAccounts((s) => s.accounts);
  const active = useAccounts((s) => s.activeDomain);
  const queueActive = useAccounts((s) => s.queueActive);
  const modifier = useSettings((s) => (s.appInfo?.platform === 'darwin' ? '⌘' : 'Ctrl'));
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ domain: string; anchor: MenuAnchor } | null>(null);
  const mutedDomains = useSettings((s) => s.settings.notifications.mutedDomains);

  const focusTab = (key: string | undefined) => {
    if (key !== undefined) requestAnimationFrame(() => tabs.current.get(key)?.focus());
  };

  /** `key`: the focused tab's domain, or QUEUE_KEY; the All-domains tab comes first in the arrows' cycle. */
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, key: string) => {
    const anchor = key === QUEUE_KEY ? null : menuAnchorFrom(event);
    if (anchor) {
      event.preventDefault();
      setMenu({ domain: key, anchor });
      return;
    }
    const state = stores.accounts.getState();
    const horizontal = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (horizontal && event.altKey && event.shiftKey) {
      if (key === QUEUE_KEY) return;
      event.preventDefault();
      void state.move(key, horizontal);
      focusTab(key);
      return;
    }
    const keys = [QUEUE_KEY, ...accounts.map((account) => account.domain)];
    const index = keys.indexOf(key);
    let target: string | undefined;
    if (horizontal) target = keys[(index + horizontal + keys.length) % keys.length];
    else if (event.key === 'Home') target = keys[0];
    else if (event.key === 'End') target = keys[keys.length - 1];
    if (target === undefined) return;
    event.preventDefault();
    if (target === QUEUE_KEY) state.activateQueue();
    else state.activate(target);
    focusTab(target);
  };
  const queueCount = accounts.reduce((sum, account) => sum + account.attentionCount, 0);

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
        {accounts.length > 0 && (
          <button
            ref={(el) => {
              if (el) tabs.current.set(QUEUE_KEY, el);
              else tabs.current.delete(QUEUE_KEY);
            }}
            type="button"
            role="tab"
            id={QUEUE_TAB_ID}
            aria-selected={queueActive}
            aria-controls={QUEUE_PANEL_ID}
            tabIndex={queueActive ? 0 : -1}
            className={queueActive ? 'domain-tab queue-tab is-selected' : 'domain-tab queue-tab'}
            title={t('queue.tabHint', { key: `${modifier}+0` })}
            data-testid="queue-tab"
            onClick={() => stores.accounts.getState().activateQueue()}
            onKeyDown={(event) => onKeyDown(event, QUEUE_KEY)}
          >
            <span className="domain-tab-name">{t('queue.tab')}</span>
            <AttentionBadge count={queueCount} />
          </button>
        )}
        {accounts.map((account, index) => {
          const selected = !queueActive && account.domain === active;
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
              onKeyDown={(event) => onKeyDown(event, account.domain)}
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

/** A tab's menu: mute or unmute its notifications (the rule is kept in the settings), open its Diagnostics. */
function TabMenu({ domain, anchor, onClose }: { domain: string; anchor: MenuAnchor; onClose(): void }) {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <MuteMenu
      anchor={anchor}
      label={t('notificationSettings.tabMenu', { domain })}
      onClose={onClose}
      testId="tab-menu"
      isMuted={(rules) => isDomainMuted(rules, domain)}
      withMuted={(rules, muted) => withDomainMuted(rules, domain, muted)}
      more={[
        {
          label: t('diagnostics.open'),
          icon: 'activity',
          testId: 'tab-menu-diagnostics',
          onSelect: () => stores.ui.getState().showDialog({ kind: 'diagnostics', domain }),
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
