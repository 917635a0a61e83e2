# pattern: CI server image: extensionless helper scripts copied into /usr/local/bin (`COPY server-support /usr/local/bin/`) beside the `.sh` the image runs; a file in a bin directory that the image does not run is not judged a program (#21 false alarm)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM eclipse-temurin:21-jre
COPY server-support /usr/local/bin/server-support
COPY server.sh /usr/local/bin/server.sh
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/server.sh"]
