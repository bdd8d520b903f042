import { createHash } from 'node:crypto';
import type { DemoAccount, Language, ResellerDomain } from '../store/model';

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f1f3f4;color:#202124}
main{max-width:28rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.5rem;font-weight:400;margin:0 0 .5rem}h2{font-size:1rem;margin:1.5rem 0 .5rem;color:#5f6368}
p{margin:.25rem 0 1rem;color:#3c4043}ul{list-style:none;margin:0;padding:0}li{margin:.5rem 0}
button{width:100%;text-align:left;font:inherit;padding:.75rem 1rem;border:1px solid #dadce0;border-radius:6px;background:#fff;cursor:pointer}
button:hover,button:focus-visible{background:#e8f0fe;border-color:#1a73e8;outline:2px solid #1a73e8;outline-offset:1px}
.email{display:block;color:#5f6368;font-size:.875rem}.cancel{margin-top:1.5rem;text-align:center;color:#1a73e8}
.note{font-size:.8125rem;color:#5f6368;margin-top:1.5rem}`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** No script at all; only this page's own style; the form may post here and be redirected to a loopback app. */
export const SIGN_IN_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'none'",
  "form-action 'self' http://127.0.0.1:* http://localhost:*",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const TEXT = {
  en: {
    title: 'Sign in - Google Accounts (emulator)',
    heading: 'Choose an account',
    continueTo: 'to continue to Partner Desk',
    cancel: 'Cancel',
    note: 'Partner Desk API emulator: demo accounts only, no password.',
    noAccount: (domain: string) => `No account of ${domain} exists in this emulator.`,
  },
  fr: {
    title: 'Connexion - Comptes Google (émulateur)',
    heading: 'Choisissez un compte',
    continueTo: 'pour continuer vers Partner Desk',
    cancel: 'Annuler',
    note: 'Émulateur d’API de Partner Desk : comptes de démonstration uniquement, sans mot de passe.',
    noAccount: (domain: string) => `Aucun compte de ${domain} n’existe dans cet émulateur.`,
  },
} as const;

function page(title: string, content: string, language: Language = 'en'): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${content}</main></body>
</html>`;
}

function accountButton(account: DemoAccount, focus: boolean): string {
  return `<li><button type="submit" name="email" value="${escapeHtml(account.email)}"${focus ? ' autofocus' : ''}>${escapeHtml(account.displayName)}<span class="email">${escapeHtml(account.email)}</span></button></li>`;
}

/**
 * The emulator's account chooser: one button per demo user of the requested domain
 * (`hd`), the `login_hint` user first; without `hd`, every user grouped by domain.
 * Worded in the language of the requested (or hinted) domain.
 */
export function signInPage(options: {
  signInId: string;
  accounts: DemoAccount[];
  domains: ResellerDomain[];
  hd?: string;
  loginHint?: string;
}): string {
  const hint = options.loginHint?.toLowerCase();
  const hintedDomain = options.hd ?? options.accounts.find((a) => a.email.toLowerCase() === hint)?.domain;
  const language = options.domains.find((d) => d.domain === hintedDomain)?.language ?? 'en';
  const text = TEXT[language];
  const ordered = (list: DemoAccount[]) =>
    [...list].sort((a, b) => Number(b.email.toLowerCase() === hint) - Number(a.email.toLowerCase() === hint));
  let firstButton = true;
  const buttons = (list: DemoAccount[]) =>
    ordered(list)
      .map((account) => {
        const html = accountButton(account, firstButton);
        firstButton = false;
        return html;
      })
      .join('');
  let body: string;
  if (options.hd) {
    const ofDomain = options.accounts.filter((a) => a.domain === options.hd);
    body =
      ofDomain.length > 0
        ? `<ul>${buttons(ofDomain)}</ul>`
        : `<p role="alert">${escapeHtml(text.noAccount(options.hd))}</p>`;
  } else {
    body = options.domains
      .map((d) => {
        const list = options.accounts.filter((a) => a.domain === d.domain);
        return list.length > 0
          ? `<h2>${escapeHtml(d.displayName)} (${escapeHtml(d.domain)})</h2><ul>${buttons(list)}</ul>`
          : '';
      })
      .join('');
  }
  return page(
    text.title,
    `<h1>${text.heading}</h1>
<p>${text.continueTo}${options.hd ? ` (${escapeHtml(options.hd)})` : ''}</p>
<form method="post" action="/o/oauth2/v2/auth/approve">
<input type="hidden" name="signin" value="${escapeHtml(options.signInId)}">
${body}
<button type="submit" name="action" value="cancel" class="cancel">${text.cancel}</button>
</form>
<p class="note">${text.note}</p>`,
    language,
  );
}

export function errorPage(status: number, error: string, description: string): string {
  return page(
    `Error ${status}: ${error}`,
    `<h1>Access blocked</h1><p role="alert"><strong>Error ${status}: ${escapeHtml(error)}</strong></p><p>${escapeHtml(description)}</p>`,
  );
}
