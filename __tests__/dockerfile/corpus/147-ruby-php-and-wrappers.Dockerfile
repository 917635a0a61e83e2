# pattern: Rails finance app and a Quarkus service: `bundle install` with build-base compiles native gems under QEMU; `./bin/rails assets:precompile`, `./mvnw package` and a packages script are no compile notes; a scratch cache stage copying every arch's files by fixed paths lets a later stage pick (#21 false notes and a miss)
# platforms: linux/amd64,linux/arm64
# expect: 8 emulated-compile
FROM ruby:3.3-alpine AS app
RUN apk add --no-cache build-base postgresql-dev git
WORKDIR /rails
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
RUN SECRET_KEY_BASE_DUMMY=1 ./bin/rails assets:precompile
RUN /bin/bash /build/packages.sh
RUN ./mvnw -B package -DskipTests
FROM scratch AS cache
COPY cache/tool/amd64/ /tool/amd64/
COPY cache/tool/arm64/ /tool/arm64/
FROM app
ARG TARGETARCH
COPY --from=cache /tool/${TARGETARCH}/ /usr/local/lib/tool/
