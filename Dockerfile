# One build, two images: `api` (NestJS, also able to serve the web app) and `web` (nginx with the
# built web app, proxying /api to the API replicas).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/contracts/package.json libs/contracts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY libs libs
COPY apps apps
COPY seeds seeds
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim AS api
# glibc serves a large allocation from a thread's arena, and keeps it there once freed, after the
# first one has raised its threshold: each argon2 hash (19 MiB, on one of libuv's four threads)
# left 19 MiB behind in each thread's arena, 86 MB RSS for good after 200 sign-ins, even one at a
# time. A fixed threshold keeps them mmapped and returned when freed: 269 -> 221 MB at the peak of
# 200 sign-ins, 277 -> 192 MB after them (bench/README.md, issue 22). bench/run.mjs sets the same.
ENV NODE_ENV=production PORT=3000 MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/libs/contracts/package.json libs/contracts/
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/web/dist apps/web/dist
# The server renderer of the public pages (apps/web/src/entry-server.tsx).
COPY --from=build /app/apps/web/dist-ssr apps/web/dist-ssr
COPY --from=build /app/seeds seeds
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# V8 sizes the old generation from the machine's memory and lets garbage pile up under load
# (378 MB RSS in bench/ uncapped); capped at 128 MB: 241-265 MB, same throughput. Same flag in
# apps/api's start:prod and bench/run.mjs.
CMD ["node", "--max-old-space-size=128", "apps/api/dist/main.js"]

FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY deploy/security-headers.conf /etc/nginx/ctlp-security-headers.conf
COPY --from=build /app/apps/web/dist /usr/share/nginx/html
