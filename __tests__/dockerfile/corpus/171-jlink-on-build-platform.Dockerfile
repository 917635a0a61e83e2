# pattern: A Java agent image links a slim runtime with `jlink` in a `FROM --platform=$BUILDPLATFORM` JDK stage (to dodge a QEMU error) and copies it into the Debian image built for each platform: jlink links the JDK it runs, so the arm64 image gets an amd64 JRE; the fixed file runs jlink in a stage built for each platform, which is right (#21, a wrong-arch fix commit in the tenth set)
# platforms: linux/amd64,linux/arm64
# expect: 5 build-arch-binary
FROM --platform=$BUILDPLATFORM eclipse-temurin:17-jdk-focal AS jre-build
RUN jlink --add-modules ALL-MODULE-PATH --strip-java-debug-attributes --no-man-pages \
      --no-header-files --compress=2 --output /javaruntime

FROM eclipse-temurin:21-jdk AS jre21
RUN jlink --add-modules java.base,java.logging --no-man-pages --compress=2 --output /jre21

FROM debian:bookworm-slim
ENV JAVA_HOME=/opt/java/openjdk
COPY --from=jre-build /javaruntime $JAVA_HOME
COPY --from=jre21 /jre21 /opt/java/jre21
COPY agent.jar /usr/share/agent/agent.jar
ENTRYPOINT ["/opt/java/openjdk/bin/java", "-jar", "/usr/share/agent/agent.jar"]
