import { randomUUID } from 'node:crypto';
import type { EventSink } from '../../../shared/ipc/contract';
import type { Notice, NoticeCode } from '../../../shared/model/notice';
import type { Clock } from '../ports';

/**
 * What the user must be told once: kept until dismissed, so a notice posted at start,
 * before any window listens, is still shown. Not persisted: each is about one start.
 */
export class NoticeBoard {
  private readonly notices: Notice[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly emit: EventSink,
  ) {}

  post(code: NoticeCode, facts: Record<string, string>): void {
    this.notices.push({ id: randomUUID(), code, facts, at: new Date(this.clock.now()).toISOString() });
    this.emit('notices:changed', {});
  }

  list(): Notice[] {
    return [...this.notices];
  }

  dismiss(id: string): void {
    const index = this.notices.findIndex((notice) => notice.id === id);
    if (index < 0) return;
    this.notices.splice(index, 1);
    this.emit('notices:changed', {});
  }
}
