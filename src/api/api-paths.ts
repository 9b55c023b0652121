/** Where the read API lives on the bot's HTTP server. */
export const API_PREFIX = '/api/v1';

export function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}
