import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { NoticeBoard } from '../../notices/notice-board';

export function noticeHandlers(notices: NoticeBoard): Pick<InvokeHandlers, 'notices:list' | 'notice:dismiss'> {
  return {
    'notices:list': async () => notices.list(),
    'notice:dismiss': async ({ id }) => {
      notices.dismiss(id);
      return {};
    },
  };
}
