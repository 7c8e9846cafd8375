# syntax=docker/dockerfile:1
# ward-plans: build the native SQLite binding in a full image, run in a slim one.
# One image, two commands (README "Running in production"):
#   writer:  docker run -v ward-plans:/data -e ADMIN_TOKEN=… ward-plans
#   replica: docker run -e READ_ONLY=true -e SNAPSHOT_URL=http://writer:3000/downloads/ward-plans.sqlite ward-plans

FROM node:20-bookworm AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY seed ./seed

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/ward-plans.db \
    DOWNLOADS_DIR=/data/downloads \
    SEED_DIR=/app/seed \
    LOG_LEVEL=info \
    WORKERS=1
# WORKERS=1: containers scale by adding containers, and a container's CPU count is its host's.
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Run the TypeScript sources with tsx (a runtime dependency); SIGTERM closes gracefully.
CMD ["node", "--import", "tsx", "src/server.ts"]
