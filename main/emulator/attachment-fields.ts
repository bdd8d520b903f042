/**
 * Checks of an attachment's filename and media type, made on upload: both are written
 * later into a download's Content-Disposition and Content-Type headers, where a lone
 * surrogate (encodeURIComponent throws) or a control or non-Latin-1 character (Node
 * refuses the header) turned every download of the file into a 500.
 */

/** RFC 6838 type/subtype, each a restricted-name of at most 127 characters. */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `filename` cannot name an attachment, or undefined when it can. */
export function filenameProblem(filename: string): string | undefined {
  if (LONE_SURROGATE.test(filename)) return 'The file name is not valid Unicode (it holds a lone surrogate).';
  if (CONTROL.test(filename)) return 'The file name holds a control character.';
  return undefined;
}

/** Why `mimeType` cannot be an attachment's media type, or undefined when it can. */
export function mimeTypeProblem(mimeType: string): string | undefined {
  return MEDIA_TYPE.test(mimeType)
    ? undefined
    : `"${JSON.stringify(mimeType).slice(1, -1)}" is not a media type (type/subtype).`;
}
