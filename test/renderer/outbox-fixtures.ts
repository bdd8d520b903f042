import type { OutboxItem, OutboxSubmission } from '../../shared/model/outbox';

export type SubmitRequest = { domain: string; draftId: string | null; submission: OutboxSubmission };

/** The case a sent new case filed, in these fixtures. */
export const FILED = 'organizations/1001/cases/77';

let serial = 0;

/** An outbox item as the core answers it; a sent one names the case it made or changed. */
export function outboxItem(
  domain: string,
  submission: OutboxSubmission,
  state: OutboxItem['state'],
  changes: Partial<OutboxItem> = {},
): OutboxItem {
  serial += 1;
  const caseName = submission.kind === 'new_case' ? FILED : submission.caseName;
  return {
    id: `item-${serial}`,
    domain,
    draftId: null,
    submission,
    reference: `PD-7F3K${String(serial % 100).padStart(2, '0')}`,
    state,
    attempts: state === 'queued' && !changes.error ? 0 : 1,
    ...(state === 'sent' ? { result: { caseName } } : {}),
    ...(state === 'queued' ? { error: { code: 'offline', message: 'No connection to the server.' } } : {}),
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    ...changes,
  };
}

/** outbox:submit answering the item as the core would after its first attempt. */
export const outboxAnswer =
  (state: 'sent' | 'queued') =>
  (request: SubmitRequest): OutboxItem =>
    outboxItem(request.domain, request.submission, state);
