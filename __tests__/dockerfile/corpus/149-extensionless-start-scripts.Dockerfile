# pattern: Tracing server and a Rails app: the image runs extensionless start scripts from the context (`COPY docker/start-server /usr/local/bin/`, `COPY docker/scripts/init /scripts/init`): scripts by their name or directory, not one binary for every platform (#21 false alarms in a blind set)
# platforms: linux/amd64,linux/arm64
# expect: none
FROM ruby:3.3-slim
COPY docker/scripts/init /scripts/init
COPY docker/start-server /usr/local/bin/
ENTRYPOINT ["start-server"]
CMD ["/scripts/init"]
