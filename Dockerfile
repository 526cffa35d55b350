# The ph-embed proxy as a container (no demo: its token route only runs on loopback). Build: docker build -t ph-embed .
# Run against PostHog:
#   docker run -p 8787:8787 -e POSTHOG_HOST=https://us.posthog.com -e POSTHOG_PROJECT_ID=12345 \
#     -e POSTHOG_PERSONAL_API_KEY=phx_... -e PH_EMBED_SECRET=<32+ random bytes> ph-embed
# HOST is 0.0.0.0 inside the container, so the proxy refuses to start without embed tokens
# (PH_EMBED_SECRET) unless PH_EMBED_ALLOW_UNAUTHENTICATED=true says the network is trusted.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:server

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/server ./dist/server
COPY endpoints ./endpoints
USER node
EXPOSE 8787
CMD ["node", "dist/server/main.js"]
