import type { CaseAttachment, CaseComment } from '../../../shared/model/case';
import type { CloudSupportClient } from '../api/cloud-support-client';
import { toAttachment, toComment } from '../cases/case-mapper';

/** Comments and attachments per page: a case rarely has more, so one request each. */
const THREAD_PAGE_SIZE = 100;

/**
 * A case's comments and attachments, read by the sync when a listing shows the case
 * changed (a search gives fields only): what is new in them is a change to report, and
 * the case then opens offline with it. Each page is counted (`onRequest`) for the sync's
 * request budget.
 */
export async function readCaseThread(
  cloudSupport: Pick<CloudSupportClient, 'listComments' | 'listAttachments'>,
  name: string,
  options: { onRequest: () => void; signal?: AbortSignal },
): Promise<{ comments: CaseComment[]; attachments: CaseAttachment[] }> {
  const call = { pageSize: THREAD_PAGE_SIZE, signal: options.signal };
  const all = async <T, R>(pages: AsyncIterable<{ items: T[] }>, map: (item: T) => R): Promise<R[]> => {
    const items: R[] = [];
    for await (const page of pages) {
      options.onRequest();
      items.push(...page.items.map(map));
    }
    return items;
  };
  const [comments, attachments] = await Promise.all([
    all(cloudSupport.listComments(name, call).pages(), toComment),
    all(cloudSupport.listAttachments(name, call).pages(), toAttachment),
  ]);
  return { comments, attachments };
}
