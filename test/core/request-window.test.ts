import { describe, expect, it } from 'vitest';
import { RequestWindow } from '../../main/core/api/request-window';
import { ManualClock } from '../helpers/manual-clock';

/** Lets promise callbacks run; the window's waits are on the manual clock, so none can fire by itself. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestWindow', () => {
  it('allows the limit at once, then waits until the oldest call leaves the window', async () => {
    const clock = new ManualClock();
    const window = new RequestWindow(clock, 2, 60_000);
    await window.take();
    clock.advance(10_000);
    await window.take();
    expect(window.available).toBe(0);

    let third = false;
    void window.take().then(() => {
      third = true;
    });
    await settle();
    expect(third).toBe(false);
    clock.advance(49_999);
    await settle();
    expect(third).toBe(false);
    clock.advance(1);
    await settle();
    expect(third).toBe(true);
    expect(window.available).toBe(0);
    clock.advance(10_000);
    expect(window.available).toBe(1);
  });

  it('gives up waiting with `cancelled` when the signal aborts', async () => {
    const clock = new ManualClock();
    const window = new RequestWindow(clock, 1);
    await window.take();
    const abort = new AbortController();
    const waiting = window.take(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    expect(window.available).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new RequestWindow(new ManualClock(), 0)).toThrow(RangeError);
  });
});
