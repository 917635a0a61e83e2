# pattern: Java tool: javac in the runtime stage
# expect: none
FROM eclipse-temurin:21-jdk
COPY Main.java .
RUN javac Main.java
CMD ["java", "Main"]
