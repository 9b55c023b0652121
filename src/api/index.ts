export { createApiHandler, MAX_BODY_BYTES, safeApiHandler, type ApiDeps } from './api-handler.js';
export { API_PREFIX, isApiPath } from './api-paths.js';
export { BearerTokens } from './bearer-tokens.js';
export { createAdrLinkHandler, isAdrLinkPath } from './adr-link-handler.js';
export { adrLinkBoltRoutes, apiBoltRoutes, withAdrLinks, withApiRoutes } from './mount.js';
export { openApiDocument } from './openapi.js';
export { lazyApiHandler } from './lazy-api-handler.js';
