# pattern: C toolchain image: apt-get install gcc (no compile) in the runtime stage
# expect: none
FROM debian:12
RUN apt-get update && apt-get install -y gcc make && rm -rf /var/lib/apt/lists/*
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
