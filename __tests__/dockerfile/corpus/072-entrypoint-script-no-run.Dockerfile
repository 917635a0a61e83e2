# pattern: Runtime image: a script copied and set as entrypoint, nothing run at build
# expect: none
FROM alpine:3.19
COPY docker-entrypoint.sh /usr/local/bin/
RUN chmod +x /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
