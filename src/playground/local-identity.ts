/**
 * Who is who in the playground's personal chat. The page builds its activities with these, so the Teams bot sees
 * an ordinary personal-chat message from one local user in tenant "local".
 */
export const PLAYGROUND_TENANT_ID = 'local';
export const PLAYGROUND_CHANNEL_ID = 'msteams';
export const PLAYGROUND_USER = { id: 'local-user', name: 'You' } as const;
export const PLAYGROUND_BOT = { id: '28:compute-advice-local', name: 'compute-advice' } as const;
/** Conversation ids the playground hands out; any `a:`-style id works, these only make them recognisable. */
export const PLAYGROUND_CONVERSATION_PREFIX = 'a:playground-';

/** URL paths, relative to the server root. */
export const PLAYGROUND_PATHS = {
  page: '/playground/',
  connector: '/playground/connector/',
  api: '/playground/api/',
  vendor: '/playground/vendor/',
} as const;
