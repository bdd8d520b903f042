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
  const page = await fetch(authorizationUrl);
  const html = await page.text();
  if (!page.ok) throw new Error(`Sign-in page answered ${page.status}: ${html.slice(0, 200)}`);
  const form = readForm(html, authorizationUrl);
  const fields = new URLSearchParams(form.hidden);
  fields.set('email', email);
  const approval = await fetch(form.action, {
    method: form.method,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  const location = approval.headers.get('location');
  if (approval.status < 300 || approval.status >= 400 || !location) {
    throw new Error(
      `Approval answered ${approval.status} without a redirect: ${(await approval.text()).slice(0, 200)}`,
    );
  }
  const landing = await fetch(new URL(location, form.action));
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

function readForm(html: string, base: string): { action: string; method: string; hidden: [string, string][] } {
  const formTag = /<form\b[^>]*>/i.exec(html)?.[0];
  if (!formTag) throw new Error('The sign-in page has no form');
  const action = attribute(formTag, 'action') ?? base;
  const method = (attribute(formTag, 'method') ?? 'POST').toUpperCase();
  const hidden: [string, string][] = [];
  for (const input of html.match(/<input\b[^>]*>/gi) ?? []) {
    if ((attribute(input, 'type') ?? '').toLowerCase() !== 'hidden') continue;
    const name = attribute(input, 'name');
    if (name) hidden.push([name, attribute(input, 'value') ?? '']);
  }
  return { action: new URL(decodeEntities(action), base).toString(), method, hidden };
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  const value = match?.[2] ?? match?.[3];
  return value === undefined ? undefined : decodeEntities(value);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
