# syntax=docker/dockerfile:1
# compute-advice: a two-stage image. The build stage compiles TypeScript and better-sqlite3's native module with the
# toolchain; the runtime stage holds only what `node dist/src/main.js` reads, and runs as the unprivileged `node` user.

FROM node:20-bookworm AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches: python3, make and g++ are in this image
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATABASE_PATH=/data/compute-advice.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/content-cache.json ./dist/
COPY --from=build /app/rules ./rules
COPY --from=build /app/prompts ./prompts
COPY --from=build /app/migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
# GET /healthz answers on PORT whichever platforms run; the slim image has no curl, so node asks
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
