# pattern: Operator image: the final stage downloads kubectl by `${TARGETPLATFORM:-linux/amd64}` without declaring ARG TARGETPLATFORM, so the fallback is always taken and every image gets the amd64 kubectl; `${TARGETARCH:-$(uname -m)}` computes its own and is fine (#21)
# platforms: linux/amd64,linux/arm64
# expect: 6 build-arch-binary
FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20
RUN apk add --no-cache ca-certificates bash tini
RUN arch=$(echo ${TARGETPLATFORM:-linux/amd64} | sed 's/\/v7//') \
    && wget "https://dl.example.invalid/release/v1.30.0/bin/${arch}/kubectl" -O /bin/kubectl && chmod +x /bin/kubectl
RUN a="${TARGETARCH:-$(uname -m)}" && wget "https://dl.example.invalid/yq_linux_${a}" -O /bin/yq
ENTRYPOINT ["/sbin/tini", "--"]
