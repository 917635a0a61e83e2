# pattern: Frontend: JS bundling on the build platform, static files served by nginx
# expect: none
FROM --platform=$BUILDPLATFORM node:20 AS web
WORKDIR /web
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
FROM nginx:1.27-alpine
COPY --from=web /web/dist /usr/share/nginx/html
