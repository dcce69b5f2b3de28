/**
 * A team server's address as the user typed it, made into one form: `https://host[:port][/path]`
 * without a trailing slash. No scheme: https, except for this machine (http://localhost,
 * 127.0.0.1, [::1]). Refused (with a reason in words): other schemes, a user name or password in
 * the address, a query or a fragment, spaces or control characters.
 */

export type NormalisedUrl = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:[/?#]|$)/i;

export function normaliseTeamUrl(input: string): NormalisedUrl {
  const text = input.trim();
  if (!text) return { ok: false, message: 'The server address is empty.' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(text)) return { ok: false, message: 'A server address has no spaces or control characters.' };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) return { ok: false, message: 'A team server’s address starts with https:// (or http://).' };
  const full = hasScheme ? text : `${LOOPBACK.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    return { ok: false, message: `“${text.slice(0, 200)}” is not a server address.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'A team server’s address starts with https:// (or http://).' };
  if (url.username || url.password) return { ok: false, message: 'Put no user name or password in the address: sign in after adding the server.' };
  if (url.search || url.hash || /[?#]/.test(text)) return { ok: false, message: 'A server address has no “?” or “#” part.' };
  if (!url.hostname) return { ok: false, message: `“${text.slice(0, 200)}” names no server.` };
  const pathPart = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${pathPart}` };
}
