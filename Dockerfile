# syntax=docker/dockerfile:1
# The bot as a production image: compiled JavaScript, production dependencies only, a non-root
# user. Build: docker build -t activity-bot .   Run: see docker-compose.yml and the README.

ARG NODE_VERSION=20

# --- build: every dependency, TypeScript compiled to dist/ ------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# no install scripts: nothing the build needs has one, and botbuilder-dialogs' would fetch rimraf
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# npm run build also puts the language model next to the compiled code (tsc copies only imported
# JSON); without it the bot would train the model again on every start.
RUN npm run build

# --- runtime ----------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# card templates are read from <app>/cards; the sample organization is the default DATA_DIR
COPY cards ./cards
COPY data/sample ./data/sample
# STATE_DIR for STORAGE=file (a single instance); with Redis nothing is written here
RUN mkdir -p /app/.state && chown node:node /app/.state
USER node
EXPOSE 3978
# Liveness only: /readyz (data loaded, storage answering) is for the load balancer, and a Redis
# outage must not get every container restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# a larger young generation (as npm start): a turn's garbage dies young instead of being promoted
# into a heap that holds the whole organization, which costs full collections
CMD ["node", "--max-semi-space-size=32", "dist/server/main.js"]
