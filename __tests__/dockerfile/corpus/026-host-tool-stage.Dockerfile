# pattern: Docs site: a build-platform stage builds a generator that never reaches the image
# expect: none
FROM --platform=$BUILDPLATFORM golang:1.22 AS gen
WORKDIR /src
COPY tools/ tools/
RUN go build -o /usr/local/bin/docgen ./tools/docgen
RUN docgen --out /site
FROM --platform=$BUILDPLATFORM node:20 AS site
COPY --from=gen /site /site
RUN echo done
FROM nginx:1.27
COPY --from=site /site /usr/share/nginx/html
