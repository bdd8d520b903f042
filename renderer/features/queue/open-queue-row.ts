import type { QueueRow } from '../../../shared/model/attention-queue';
import type { AppStores } from '../../store/app-stores';

/** A queue row opens in its own domain's tab, as a notification does (see wire-events' notification:open). */
export function openQueueRow(stores: Pick<AppStores, 'accounts' | 'ui'>, row: Pick<QueueRow, 'domain' | 'name'>): void {
  stores.accounts.getState().activate(row.domain);
  stores.ui.getState().openCaseIn(row.domain, row.name);
}
