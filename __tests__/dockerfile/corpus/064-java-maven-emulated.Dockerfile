# pattern: Spring service: maven in a target-platform stage (bytecode: not a finding)
# expect: none
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package
FROM eclipse-temurin:21-jre
COPY --from=build /src/target/app.jar /app.jar
