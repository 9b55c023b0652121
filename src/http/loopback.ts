/**
 * Loopback checks for what must stay on this machine: the unauthenticated local mode listens only there, answers only
 * requests addressed to it by a loopback name (a DNS-rebound page sends its own host name), and replies only to a
 * loopback connector.
 */

/** 127.0.0.0/8, ::1 (bracketed or not), an IPv4-mapped 127.x address, or `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(h);
}

/** A Host header (`127.0.0.1:3978`, `[::1]:3978`, `localhost`) naming this machine. Missing: false. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (!header) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d{1,5})?$/.exec(header.trim());
  return match !== null && isLoopbackHost(match[1] as string);
}

/** An http(s) URL whose host is loopback. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}
