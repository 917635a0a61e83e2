# pattern: Kotlin service: gradle on the build platform
# expect: none
FROM --platform=$BUILDPLATFORM gradle:8-jdk21 AS build
WORKDIR /src
COPY . .
RUN gradle --no-daemon bootJar
FROM eclipse-temurin:21-jre
COPY --from=build /src/build/libs/app.jar /app.jar
