# pattern: Whiteboard web app: a $BUILDPLATFORM stage passes an undeclared $TARGETARCH on to yarn (`npm_config_target_arch=${TARGETARCH}`, empty) and only static files reach the nginx image; passing an empty value on chooses nothing here (#21 false alarm of the undeclared-ARG rule)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM --platform=${BUILDPLATFORM} node:24 AS build
WORKDIR /opt/app
COPY . .
RUN npm_config_target_arch=${TARGETARCH} yarn --frozen-lockfile
RUN npm_config_target_arch=${TARGETARCH} yarn build:app
FROM nginx:stable-alpine-slim
COPY --from=build /opt/app/build /usr/share/nginx/html
