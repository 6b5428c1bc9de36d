# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev toolchain. `nest build api` compiles everything under apps/ and
# libs/ (tsc, no bundling), so the API and the CLI land in dist/ together.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && test -f dist/apps/api/src/main.js && test -f dist/apps/cli/src/main.js

# Runtime stage: production dependencies and compiled code only, as a non-root user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 EMBEDDED_DB_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The API. The CLI is in the same image:
#   docker compose run --rm migrate
#   docker compose run --rm -v "$PWD/data:/import:ro" api-1 node dist/apps/cli/src/main.js reports:import /import/file.csv
CMD ["node", "--max-semi-space-size=64", "dist/apps/api/src/main.js"]
