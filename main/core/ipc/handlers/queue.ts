import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { AttentionQueue } from '../../queue/attention-queue';

export function queueHandlers(queue: Pick<AttentionQueue, 'query'>): Pick<InvokeHandlers, 'queue:query'> {
  return { 'queue:query': async () => queue.query() };
}
