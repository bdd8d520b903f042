import { AppError } from '../../../../shared/app-error';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';

type PendingChannel =
  | 'drafts:list'
  | 'draft:save'
  | 'draft:discard'
  | 'draft:restore'
  | 'draft:duplicate'
  | 'draft:attach'
  | 'draft:detach'
  | 'outbox:list'
  | 'outbox:submit'
  | 'outbox:retry'
  | 'outbox:edit'
  | 'outbox:discard';

const refuse = async (): Promise<never> => {
  throw new AppError('internal', 'Not built yet.');
};

/** TEMPORARY, removed by the drafts and outbox branches. */
export function notBuiltYetHandlers(): Pick<InvokeHandlers, PendingChannel> {
  return {
    'drafts:list': refuse,
    'draft:save': refuse,
    'draft:discard': refuse,
    'draft:restore': refuse,
    'draft:duplicate': refuse,
    'draft:attach': refuse,
    'draft:detach': refuse,
    'outbox:list': refuse,
    'outbox:submit': refuse,
    'outbox:retry': refuse,
    'outbox:edit': refuse,
    'outbox:discard': refuse,
  };
}
