# syntax=docker/dockerfile:1
# One image for every service (docker-compose.yml picks the entry point): the API server by
# default, `node apps/worker/dist/main.js` for a worker. See docs/operations.md.

# --- build: install everything, compile the workspace, then drop the dev dependencies --------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Install scripts are not run (npm 11's allowScripts is not read by this image's npm 10): the
# build needs none, and some phone home.
ENV npm_config_ignore_scripts=true npm_config_fund=false npm_config_audit=false TURBO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY apps ./apps
COPY test/package.json ./test/package.json
RUN npm ci && npx turbo run build && npm prune --omit=dev

# --- runtime: compiled code and production dependencies only, as an unprivileged user --------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Owned by root, run as `node` (uid 1000): the process cannot rewrite its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/apps ./apps
USER node
EXPOSE 3000 3001 3002 9464
# Every entry point (server, intake, results, worker) finishes or hands back its work on SIGTERM (docs/operations.md, "Shutdown").
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "apps/server/dist/main.js"]
