/**
 * The renderer's Content Security Policy: only the app's own files, no inline script,
 * no plugins, no framing, no form posts. Sent as a response header by the app://
 * protocol and repeated as a <meta> tag in renderer/index.html (which also covers the
 * browser preview). React writes inline styles through the CSSOM, which CSP allows, so
 * style-src needs no 'unsafe-inline'.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Browsers ignore (and warn about) these in a <meta> policy; only the header carries them. */
const HEADER_ONLY = new Set(['frame-ancestors']);

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');
