import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment, Case, Comment } from '../../main/google-wire/google-types';
import { CASE_CLASSIFICATIONS, DEMO_USERS, NORTHWIND_DOMAIN, type RunningEmulator } from '../../main/emulator';
import { ApiCaller, newCase, orgOf, startTestEmulator } from './helpers/emulator-kit';

describe('control: act as Google support on a case', () => {
  let emulator: RunningEmulator;
  let alex: ApiCaller;
  let caseName: string;
  const act = (body: unknown) =>
    fetch(`${emulator.url}/__control/act-as-google`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  beforeEach(async () => {
    emulator.control.reset();
    alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const org = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
    caseName = (await alex.post<Case>(`/v2/${org}/cases`, newCase(CASE_CLASSIFICATIONS[0]!.id))).json.name!;
  });
  afterAll(() => emulator.close());

  it('changes priority, escalates, states, comments and attaches as Google, moving the update time', async () => {
    const before = (await alex.get<Case>(`/v2/${caseName}`)).json;
    emulator.control.clock.advance(60_000);
    const response = await act({
      name: caseName,
      action: {
        priority: before.priority === 'P1' ? 'P2' : 'P1',
        escalate: true,
        state: 'ACTION_REQUIRED',
        comment: 'Could you send the logs?',
        attachment: { filename: 'steps.txt', text: 'do this' },
      },
    });
    expect(response.status).toBe(200);
    const after = (await alex.get<Case>(`/v2/${caseName}`)).json;
    expect(after.priority).not.toBe(before.priority);
    expect(after).toMatchObject({ escalated: true, state: 'ACTION_REQUIRED' });
    expect(Date.parse(after.updateTime!)).toBe(emulator.control.clock.now());
    const comments = (await alex.get<{ comments: Comment[] }>(`/v2/${caseName}/comments`)).json.comments;
    expect(comments[0]).toMatchObject({ body: 'Could you send the logs?', creator: { googleSupport: true } });
    const files = (await alex.get<{ attachments: Attachment[] }>(`/v2/${caseName}/attachments`)).json.attachments;
    expect(files.map((file) => [file.filename, file.creator?.googleSupport])).toEqual([['steps.txt', true]]);
  });

  it('refuses an unknown case or a malformed action with 400', async () => {
    expect((await act({ name: `${caseName}9`, action: { escalate: true } })).status).toBe(400);
    expect((await act({ name: caseName, action: { state: 'NEW' } })).status).toBe(400);
    expect((await act({ name: caseName, action: { priority: 'P9' } })).status).toBe(400);
    expect((await act({ name: caseName, action: { reassign: true } })).status).toBe(400);
    expect((await alex.get<Case>(`/v2/${caseName}`)).json.escalated).toBe(false);
  });
});
