# pattern: Compiles written in forms the advisor did not read: Haskell's `stack --no-terminal --install-ghc test --only-dependencies` (options before the command; test builds the dependencies), pip's own options before `install` (`pip --disable-pip-version-check install py/.` beside gcc), and a build script run by its absolute path where the context was copied (`COPY . /app`, then `/app/scripts/build`: a hidden compile when unread); the packaging tools (`pip install -U wheel setuptools-rust`) compile nothing. A Rails builder on $BUILDPLATFORM names its compiler in an ARG (`ARG BUILD_PACKAGES="build-base …"`, `apk add $BUILD_PACKAGES`): its `bundle install` builds gems for the build machine, which the image copies; its `pnpm install` does not reach the image (a later RUN removes node_modules) (#21, the sixteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 7 emulated-compile, 9 emulated-compile, 15 emulated-compile, 18 hidden-compile, 28 build-arch-binary
FROM haskell:9.4 AS hs
WORKDIR /opt/tool
COPY stack.yaml package.yaml ./
RUN stack --no-terminal --install-ghc test --only-dependencies
COPY . .
RUN stack install --flag tool:static

FROM python:3.12-slim AS py
RUN apt-get update && apt-get install -y --no-install-recommends gcc libgmp-dev && rm -rf /var/lib/apt/lists/*
RUN pip install -U wheel setuptools-rust
COPY py py
RUN python3 -m pip --disable-pip-version-check install py/.
WORKDIR /app
COPY . /app
RUN /app/scripts/build

FROM --platform=$BUILDPLATFORM ruby:3.3-alpine AS rails
ARG BUILD_PACKAGES="build-base libxml2-dev git"
ARG RUBY_GEMS="bundler"
RUN apk add --no-cache $BUILD_PACKAGES nodejs pnpm && gem install $RUBY_GEMS
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY Gemfile Gemfile.lock ./
RUN bundle config set deployment true && \
    bundle install --jobs 4
COPY . .
RUN bin/rails assets:precompile
RUN rm -rf node_modules tmp/cache spec

FROM ruby:3.3-alpine
COPY --from=hs /root/.local/bin/tool /usr/local/bin/tool
COPY --from=py /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages
COPY --from=rails /app /app
ENTRYPOINT ["/app/bin/rails", "server"]
