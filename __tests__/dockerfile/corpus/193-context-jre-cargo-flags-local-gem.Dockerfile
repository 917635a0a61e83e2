# pattern: A Java runtime made on the build machine (a jlink image of an x64 JDK) added from the context into every platform's image (`ADD jre /opt/app/jre`, JAVA_HOME there): the arm64 image gets an x86-64 java; the fix adds `jre/$TARGETARCH`. Beside it, forms that looked wrong and are not: cargo's flags read from a file an earlier RUN wrote by the platform (`cargo build --release $(cat cargo_flags.txt)`), a gem built from the project's own gemspec and installed from its file (pure Ruby; its dependencies came with bundle install), and cmake's configure in a RUN of its own, which compiles its test programs under QEMU as autotools' configure does (#21, the fifteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 21 build-arch-binary, 29 emulated-compile, 30 emulated-compile, 33 emulated-compile
FROM --platform=$BUILDPLATFORM rust:alpine3.20 AS cargo-build
RUN apk add --no-cache clang musl-dev
WORKDIR /src
COPY . .
ARG BUILDPLATFORM
ARG TARGETPLATFORM
RUN case "$BUILDPLATFORM $TARGETPLATFORM" in \
      "linux/amd64 linux/arm64") rustup target add aarch64-unknown-linux-musl; \
        echo aarch64-unknown-linux-musl > rust_target.txt; echo "--target=aarch64-unknown-linux-musl" > cargo_flags.txt ;; \
      "linux/amd64 linux/amd64") echo > rust_target.txt; echo > cargo_flags.txt ;; \
      *) exit 1 ;; \
    esac
RUN cargo build --release $(cat cargo_flags.txt)
RUN mv target/$(cat rust_target.txt)/release/gateway .

FROM debian:bookworm AS java
ADD app /opt/app
ADD jre /opt/app/jre
ENV JAVA_HOME=/opt/app/jre
ENTRYPOINT ["/opt/app/bin/app"]

FROM alpine:3.20 AS native
RUN apk add --no-cache build-base cmake git
RUN git clone --depth 1 https://github.com/example/radio.git /build/radio
WORKDIR /build/radio/build
RUN cmake -DENABLE_OPENSSL=ON ..
RUN make
WORKDIR /app
COPY Gemfile Gemfile.lock app.gemspec ./
RUN apk add --no-cache ruby-dev && gem install bundler --version=2.6.5 && bundle install
COPY . .
RUN gem build app.gemspec && gem install ./app-*.gem --no-document
COPY --from=cargo-build /src/gateway /usr/local/bin/gateway
COPY --from=java /opt/app /opt/app
ENTRYPOINT ["/usr/local/bin/gateway"]
