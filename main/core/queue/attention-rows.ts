import type { QueueRow } from '../../../shared/model/attention-queue';
import type { CaseSummary } from '../../../shared/model/case';
import type { CachedCase, DomainCache } from '../cases/domain-cache';
import { waitingFact } from '../cases/waiting-fact';

/** What one domain contributes to the queue: its first rows in queue order, and how many it has in all. */
export interface DomainAttention {
  rows: QueueRow[];
  total: number;
}

export type AttentionCache = Pick<DomainCache, 'query' | 'unreadNames' | 'getCase' | 'customer'>;

/**
 * One domain's cases that need the team — ACTION_REQUIRED, or changed by Google since
 * the user last opened them (unread) — as queue rows, read from that domain's cache
 * only. At most `limit` rows, in queue order (see compareQueueRows), with the total:
 * when a domain has more ACTION_REQUIRED cases than `limit`, the candidates are its
 * least recently updated ones (a case's last Google word is never later than its
 * updateTime, so they are the ones that have waited longest, give or take the team's
 * own later comments).
 */
export function attentionRows(cache: AttentionCache, limit: number): DomainAttention {
  const actionRequired = cache.query({
    filters: { keyword: '', states: ['ACTION_REQUIRED'], priorities: [] },
    sort: { key: 'updateTime', direction: 'asc' },
    offset: 0,
    limit,
  });
  const unread = cache.unreadNames();
  const listed = new Set(actionRequired.rows.map((row) => row.name));
  const rows = actionRequired.rows.map((row) => toQueueRow(cache, row, cache.getCase(row.name), unread));
  let unreadOnly = 0;
  for (const name of unread) {
    if (listed.has(name)) continue;
    const cached = cache.getCase(name);
    if (!cached || cached.detail.state === 'ACTION_REQUIRED') continue;
    rows.push(toQueueRow(cache, cached.detail, cached, unread));
    unreadOnly += 1;
  }
  rows.sort(compareQueueRows);
  return { rows: rows.slice(0, limit), total: actionRequired.total + unreadOnly };
}

function toQueueRow(
  cache: AttentionCache,
  summary: CaseSummary,
  cached: CachedCase | undefined,
  unread: ReadonlySet<string>,
): QueueRow {
  const thread = cached?.threadLoaded ? cached.detail : undefined;
  return {
    name: summary.name,
    domain: summary.domain,
    customerId: summary.customerId,
    // The customer's name as this domain knows it now (a detail keeps the name of when it was read).
    customerName: cache.customer(summary.customerId)?.organizationName ?? summary.customerName,
    title: summary.title,
    state: summary.state,
    priority: summary.priority,
    category: summary.category,
    createTime: summary.createTime,
    updateTime: summary.updateTime,
    escalated: summary.escalated,
    pending: summary.pending,
    unread: unread.has(summary.name),
    waiting: waitingFact(summary, thread),
  };
}

/**
 * Queue order: ACTION_REQUIRED first, then unread, then the oldest waiting on the team;
 * then the rows waiting on Google (oldest first) and those waiting on nobody. Ties end
 * on domain and name, so the order is the same on every query.
 */
export function compareQueueRows(a: QueueRow, b: QueueRow): number {
  return (
    rank(a.state === 'ACTION_REQUIRED') - rank(b.state === 'ACTION_REQUIRED') ||
    rank(a.unread) - rank(b.unread) ||
    waitingRank(a) - waitingRank(b) ||
    sinceOf(a) - sinceOf(b) ||
    a.domain.localeCompare(b.domain) ||
    a.name.localeCompare(b.name)
  );
}

const rank = (first: boolean) => (first ? 0 : 1);
const waitingRank = (row: QueueRow) => (row.waiting?.on === 'team' ? 0 : row.waiting?.on === 'google' ? 1 : 2);
const sinceOf = (row: QueueRow) => (row.waiting ? Date.parse(row.waiting.since) : 0);
