# Docent's production image: the app (`npm start`) or, with `npm run worker` as the command, an ingestion worker.
# Multi-stage: dependencies and the Next.js build happen in throw-away stages; the final stage runs as a non-root
# user. Not Next.js's `standalone` output: `npm start` is Docent's own server (scripts/serve.mjs, which answers
# the hot routes before Next.js's router and supervises WORKERS), and the ingestion worker runs TypeScript
# through tsx, so the image keeps the installed node_modules instead of the standalone trace.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
# The node image's unprivileged user; /data is where the embedded database lives when DATABASE_URL is unset.
RUN mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "scripts/serve.mjs"]
