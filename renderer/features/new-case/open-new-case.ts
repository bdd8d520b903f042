import type { AppStores } from '../../store/app-stores';
import type { DraftCustomer, FiledCase } from '../../store/new-case-store';

/** Every entry point (domain header, a customer, Ctrl/Cmd+N) opens the flow this way. */
export function openNewCase(stores: AppStores, domain: string, customer?: DraftCustomer): void {
  stores.newCase.getState().start(domain, customer);
  stores.ui.getState().showDialog({ kind: 'new-case', domain });
}

/**
 * After the case was filed: the flow closes and the new (pending) case opens (the core's
 * case:changed brought it), in its customer's list when a customer's list was on screen,
 * so the user sees it where they look.
 */
export function showFiledCase(stores: AppStores, domain: string, created: FiledCase): void {
  stores.ui.getState().closeDialog();
  const scope = stores.caseLists.getState().lists[domain]?.customerId;
  if (scope !== undefined && scope !== created.customerId) {
    stores.caseLists.getState().setScope(domain, created.customerId);
  }
  stores.caseLists.getState().refresh(domain);
  stores.ui.getState().openCaseIn(domain, created.name);
}
