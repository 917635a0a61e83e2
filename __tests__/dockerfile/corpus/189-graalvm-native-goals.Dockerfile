# pattern: A Spring/Quarkus service turned into a GraalVM native executable by maven's native goal (`mvn -B native:compile -P native`), a Quarkus `-Dquarkus.native.enabled=true` package and gradle's `nativeCompile`, in stages built for each platform: native-image compiles the whole program under QEMU on arm64 (and cannot cross-compile); plain `mvn package` and `gradle build` make bytecode and are fine (#21, the fourteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 8 emulated-compile, 9 emulated-compile, 13 emulated-compile
FROM ghcr.io/graalvm/native-image-community:21 AS builder
WORKDIR /build
COPY . .
RUN ./mvnw -B package -DskipTests
RUN mvn -B native:compile -P native --no-transfer-progress -DskipTests=true
RUN ./mvnw package -DskipTests -Dquarkus.native.enabled=true

FROM ghcr.io/graalvm/native-image-community:21 AS gradle-builder
COPY . /g
RUN cd /g && ./gradlew --no-daemon nativeCompile
RUN cd /g && gradle build -x test

FROM debian:bookworm-slim
COPY --from=builder /build/target/app /usr/local/bin/app
COPY --from=gradle-builder /g/build/native/nativeCompile/app /usr/local/bin/app2
ENTRYPOINT ["/usr/local/bin/app"]
