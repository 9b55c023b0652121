export { createApiHandler, isApiPath, MAX_BODY_BYTES, safeApiHandler, type ApiDeps } from './api-handler.js';
export { BearerTokens } from './bearer-tokens.js';
export { apiBoltRoutes, withApiRoutes } from './mount.js';
export { API_PREFIX, openApiDocument } from './openapi.js';
