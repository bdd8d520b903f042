import { approveOnSignInPage } from '../../helpers/emulator-sign-in-page';

/**
 * Plays the system browser's part of a sign-in against the emulator: opens the
 * authorization URL, picks `email` on the emulator's sign-in page (one submit button
 * per demo user), follows the redirect to the app's loopback listener and returns
 * what the listener answered. Use it as the `openExternal` port in tests.
 */
export async function browserSignIn(
  authorizationUrl: string,
  email: string,
): Promise<{ status: number; body: string }> {
  const redirect = await approveOnSignInPage(authorizationUrl, email);
  const landing = await fetch(redirect);
  return { status: landing.status, body: await landing.text() };
}

/**
 * An `openExternal` that signs in as whoever `pick` chooses for the authorization URL
 * (null: the user never completes the page) and records the URLs opened and what the
 * app's loopback page answered.
 */
export function fakeBrowser(pick: (url: URL) => string | null) {
  const opened: URL[] = [];
  const landings: { status: number; body: string }[] = [];
  const openExternal = async (url: string) => {
    const parsed = new URL(url);
    opened.push(parsed);
    const email = pick(parsed);
    if (email === null) return;
    // Like a real browser, the user acts after openExternal returned.
    setImmediate(() => {
      browserSignIn(url, email).then(
        (landing) => landings.push(landing),
        (error: unknown) => landings.push({ status: 0, body: String(error) }),
      );
    });
  };
  return { openExternal, opened, landings };
}
