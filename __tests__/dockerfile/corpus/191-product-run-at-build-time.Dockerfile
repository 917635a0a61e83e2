# pattern: A SQL pipeline service copies its prebuilt server from the context and runs it once while building (`./app/build/pipeline-server … --precompile`, to warm its caches), the same program its ENTRYPOINT starts: running the image's own program is not a build script (no hidden-compile note), while an unread script beside it still is one (#21, the fourteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 9 hidden-compile
FROM ubuntu:24.04
WORKDIR /home/app
COPY build/ app/build
COPY tools/ tools/
RUN ./app/build/pipeline-server --bind-address=0.0.0.0 --precompile
RUN ./tools/gen-assets.sh
ENTRYPOINT ["./app/build/pipeline-server", "--bind-address=0.0.0.0"]
