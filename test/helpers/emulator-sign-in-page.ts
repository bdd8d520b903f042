/**
 * What a person does on the emulator's sign-in page, for tests: opens the authorization
 * URL, presses the button of `email` (one submit button per demo user) and returns where
 * the page redirects (the app's loopback redirect URI with `code` and `state`).
 */
export async function approveOnSignInPage(authorizationUrl: string, email: string): Promise<URL> {
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
  return new URL(location, form.action);
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
  return { action: new URL(action, base).toString(), method, hidden };
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match?.[2] ?? match?.[3] ?? match?.[4];
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
