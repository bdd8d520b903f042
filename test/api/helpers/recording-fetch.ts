import type { FetchLike } from '../../../main/core/ports';

/** The real fetch, with every request's method and full URL written down (the emulator's log has no query strings). */
export function recordingFetch(): { fetch: FetchLike; requests: { method: string; url: string }[] } {
  const requests: { method: string; url: string }[] = [];
  const recorder: FetchLike = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), url });
    return fetch(input, init);
  };
  return { fetch: recorder, requests };
}
