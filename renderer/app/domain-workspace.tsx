import type { Account } from '../../shared/model/account';
import { NeedsSignInBanner } from '../features/accounts/needs-sign-in-banner';
import { CaseDetailPane } from '../features/case-detail/case-detail-pane';
import { CaseListView } from '../features/case-list/case-list-view';
import { CustomerPane } from '../features/customers/customer-pane';
import { useUi } from '../store/stores-context';
import { CaseAnnouncer } from './case-announcer';
import { domainPanelId, domainTabId } from './domain-tab-bar';

/**
 * One domain tab's panel: customers on the left, the case list, and the open case on the right.
 * The list comes first in the document (its "My cases" h1 before the customers' h2) and the
 * grid places the customers to its left.
 */
export function DomainWorkspace({ account }: { account: Account }) {
  const openName = useUi((s) => s.openCase[account.domain] ?? null);
  return (
    <div
      role="tabpanel"
      id={domainPanelId(account.domain)}
      aria-labelledby={domainTabId(account.domain)}
      className="workspace"
      data-testid="domain-panel"
      data-domain={account.domain}
    >
      {account.status === 'needs_sign_in' && <NeedsSignInBanner account={account} />}
      <div className={openName ? 'workspace-main has-detail' : 'workspace-main'}>
        <div className="workspace-center">
          <CaseListView account={account} />
        </div>
        <CustomerPane account={account} />
        {openName && <CaseDetailPane key={openName} domain={account.domain} name={openName} email={account.email} />}
        <CaseAnnouncer domain={account.domain} openName={openName} />
      </div>
    </div>
  );
}
