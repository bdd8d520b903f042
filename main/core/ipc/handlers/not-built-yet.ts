import { AppError } from '../../../../shared/app-error';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';

type PendingChannel =
  | 'drafts:list'
  | 'draft:save'
  | 'draft:discard'
  | 'draft:restore'
  | 'draft:duplicate'
  | 'draft:attach'
  | 'draft:detach';

const refuse = async (): Promise<never> => {
  throw new AppError('internal', 'Not built yet.');
};

/** TEMPORARY, removed by the drafts branch. */
export function notBuiltYetHandlers(): Pick<InvokeHandlers, PendingChannel> {
  return {
    'drafts:list': refuse,
    'draft:save': refuse,
    'draft:discard': refuse,
    'draft:restore': refuse,
    'draft:duplicate': refuse,
    'draft:attach': refuse,
    'draft:detach': refuse,
  };
}
