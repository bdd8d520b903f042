import { MAX_QUEUE_ROWS, type QueueResult, type QueueRow } from '../../../shared/model/attention-queue';
import { compareQueueRows, type DomainAttention } from './attention-rows';

/** What the queue asks of a domain: its rows, built by its own session; never its clients or its tokens. */
export interface AttentionSource {
  attentionRows(limit: number): DomainAttention;
}

/**
 * The All-domains queue, at the account-manager level: the one request that names no
 * domain. Each signed-in domain's session builds its own rows from its own cache; the
 * queue only merges them (rows are plain data), so no object here holds two domains'
 * tokens, and a domain signed out is simply no longer asked.
 */
export class AttentionQueue {
  constructor(private readonly sources: () => Iterable<AttentionSource>) {}

  query(): QueueResult {
    let total = 0;
    const rows: QueueRow[] = [];
    for (const source of this.sources()) {
      // Each domain's first MAX_QUEUE_ROWS in queue order hold all it can contribute to the merged first ones.
      const attention = source.attentionRows(MAX_QUEUE_ROWS);
      total += attention.total;
      rows.push(...attention.rows);
    }
    rows.sort(compareQueueRows);
    return { rows: rows.slice(0, MAX_QUEUE_ROWS), total };
  }
}
