# pattern: SSO proxy, CI server and voice server styles: unread scripts whose name or subcommand says what they do — `./do.sh install`, `./do.sh goget`, a JDK download script, a Qt version chooser and installer — are no compile notes; `./do.sh gobuildstatic` and `./scripts/build.sh` are (#21 false hidden-compile notes)
# platforms: linux/amd64,linux/arm64
# expect: 10 hidden-compile, 13 hidden-compile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN ./do.sh goget
RUN /usr/bin/jdk-download.sh
RUN export QT_VERSION="$(/opt/scripts/choose_qt_version.sh)" && /opt/scripts/install_qt.sh
RUN ./do.sh gobuildstatic
RUN ./do.sh install
FROM debian:bookworm-slim AS server
RUN ./scripts/build.sh
FROM scratch
COPY --from=build /src/app /app
COPY --from=server /out/server /server
