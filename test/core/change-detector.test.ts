import { describe, expect, it } from 'vitest';
import { readCaseThread } from '../../main/core/sync/case-thread';
import { burstReason, fieldChanges, threadChanges, toDetectedChange } from '../../main/core/sync/change-detector';
import { OWN_CHANGE_MEMORY_MS, OwnChanges } from '../../main/core/sync/own-changes';
import { withReference } from '../../main/core/outbox/client-reference';
import { Paged } from '../../main/core/api/paging';
import type { Attachment, Comment } from '../../main/google-wire/google-types';
import type { CaseComment } from '../../shared/model/case';
import { ManualClock } from '../helpers/manual-clock';
import { detail } from './helpers/synthetic-cases';

const GOOGLE = { displayName: 'Google', googleSupport: true };
const USER = { displayName: 'Alex', email: 'alex@northwind.example', googleSupport: false };
const comment = (name: string, createTime: string, creator = GOOGLE): CaseComment => ({
  name,
  body: name,
  createTime,
  creator,
});

describe('change detector (pure)', () => {
  const before = detail(1, 1, { state: 'IN_PROGRESS_GOOGLE_SUPPORT', updateTime: '2026-03-02T09:00:00Z' });
  const later = '2026-03-02T09:05:00.000Z';

  it('names state changes that tell the team something, priority changes and escalations', () => {
    for (const state of ['ACTION_REQUIRED', 'SOLUTION_PROVIDED', 'CLOSED'] as const) {
      expect(fieldChanges(before, { ...before, state, updateTime: later })).toEqual([{ kind: 'state', at: later }]);
    }
    expect(fieldChanges(before, { ...before, state: 'NEW', updateTime: later })).toEqual([]);
    expect(fieldChanges(before, { ...before, priority: 'P1', escalated: true, updateTime: later })).toEqual([
      { kind: 'priority', at: later },
      { kind: 'escalation', at: later },
    ]);
    expect(fieldChanges({ ...before, escalated: true }, { ...before, escalated: false, updateTime: later })).toEqual(
      [],
    );
  });

  it('ignores a listing no newer than the cached copy (a stale page)', () => {
    expect(fieldChanges(before, { ...before, priority: 'P1' })).toEqual([]);
    expect(fieldChanges(before, { ...before, priority: 'P1', updateTime: '2026-03-02T08:00:00Z' })).toEqual([]);
  });

  it('reports a new case unless this app filed it (pending, or its description carries a reference tag)', () => {
    const fresh = detail(2, 1, { updateTime: later });
    expect(fieldChanges(undefined, fresh)).toEqual([{ kind: 'new_case', at: later }]);
    expect(fieldChanges(undefined, { ...fresh, pending: true })).toEqual([]);
    expect(fieldChanges(undefined, { ...fresh, description: withReference('Help', 'PD-7F3K2Q') })).toEqual([]);
  });

  it("finds Google's new comments and attachments, never the user's nor those already seen", () => {
    const seen = comment('c1', '2026-03-02T08:00:00Z');
    const cached = { ...before, comments: [seen] };
    const thread = {
      comments: [
        comment('c3', '2026-03-02T09:04:00Z'),
        comment('c2', '2026-03-02T09:03:00Z', USER),
        comment('c0', '2026-03-02T08:59:00Z'),
        seen,
      ],
      attachments: [
        {
          name: 'a1',
          filename: 'trace.txt',
          mimeType: 'text/plain',
          sizeBytes: 3,
          createTime: '2026-03-02T09:04:30Z',
          creator: GOOGLE,
        },
      ],
    };
    expect(threadChanges(cached, thread)).toEqual([
      { kind: 'comment', at: '2026-03-02T09:04:00Z' },
      { kind: 'attachment', at: '2026-03-02T09:04:30Z' },
    ]);
  });

  it('names the case for the notification; mine when the user filed it or is subscribed', () => {
    const change = { kind: 'state' as const, at: later };
    const other = detail(3, 1, {
      creator: { displayName: 'Customer', email: 'it@customer.example', googleSupport: false },
    });
    expect(toDetectedChange(change, other, USER.email!)).toMatchObject({
      name: other.name,
      customerId: 'C1',
      customerName: 'Customer 1',
      title: 'Case 3',
      mine: false,
      at: later,
    });
    expect(toDetectedChange(change, { ...other, creator: USER }, 'ALEX@northwind.example').mine).toBe(true);
    expect(toDetectedChange(change, { ...other, subscriberEmailAddresses: [USER.email!] }, USER.email!).mine).toBe(
      true,
    );
  });

  it('chooses one burst per pass: first sync, catch-up (even empty), live only with changes', () => {
    expect(burstReason({ firstSync: true, catchUp: true, changes: 3 })).toBe('first_sync');
    expect(burstReason({ firstSync: false, catchUp: true, changes: 0 })).toBe('catch_up');
    expect(burstReason({ firstSync: false, catchUp: false, changes: 2 })).toBe('live');
    expect(burstReason({ firstSync: false, catchUp: false, changes: 0 })).toBeUndefined();
  });
});

describe('OwnChanges', () => {
  it('covers an action in flight, then the update time its answer carried, for a while', () => {
    const clock = new ManualClock();
    const own = new OwnChanges(clock);
    const done = own.begin('c1');
    expect(own.isOwn('c1', 'any')).toBe(true);
    expect(own.isOwn('c2', 'any')).toBe(false);
    own.record('c1', 't1');
    done();
    done();
    expect(own.isOwn('c1', 't1')).toBe(true);
    expect(own.isOwn('c1', 't2')).toBe(false);
    clock.advance(OWN_CHANGE_MEMORY_MS);
    expect(own.isOwn('c1', 't1')).toBe(false);
  });

  it('stays in flight while a second action on the case runs', () => {
    const own = new OwnChanges(new ManualClock());
    const first = own.begin('c1');
    const second = own.begin('c1');
    first();
    expect(own.isOwn('c1', 'x')).toBe(true);
    second();
    expect(own.isOwn('c1', 'x')).toBe(false);
  });
});

describe('readCaseThread', () => {
  it('reads every page of comments and attachments, counting each request', async () => {
    const pages = <T>(items: T[][]) =>
      new Paged<T>(async (token) => {
        const index = token ? Number(token) : 0;
        return { items: items[index]!, nextPageToken: index + 1 < items.length ? String(index + 1) : undefined };
      });
    const wireComment = (name: string): Comment => ({
      name,
      body: name,
      createTime: '2026-03-02T09:00:00Z',
      creator: { displayName: 'Google', googleSupport: true },
    });
    let requests = 0;
    const thread = await readCaseThread(
      {
        listComments: () => pages([[wireComment('c1')], [wireComment('c2')]]),
        listAttachments: () => pages<Attachment>([[]]),
      },
      'organizations/1/cases/1',
      { onRequest: () => (requests += 1) },
    );
    expect(thread.comments.map((entry) => entry.name)).toEqual(['c1', 'c2']);
    expect(thread.attachments).toEqual([]);
    expect(requests).toBe(3);
  });
});
