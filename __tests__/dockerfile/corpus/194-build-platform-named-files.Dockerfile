# pattern: Files named by the build machine's platform: an operator image FROM --platform=$BUILDPLATFORM that also adds `bin/${BUILDPLATFORM}/manager` (two causes: dropping --platform leaves the second; the three ADDs are one), beside a stage on the build platform that fetches its own tool by `${BUILDOS}_${BUILDARCH}` to compile a policy the image copies (right: the tool runs there) (#21, the sixteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 11 build-arch-binary, 17 build-arch-binary
FROM --platform=$BUILDPLATFORM alpine:3.20 AS policy
ARG BUILDOS
ARG BUILDARCH
ADD --chmod=755 https://github.com/open-policy-agent/opa/releases/download/v0.70.0/opa_${BUILDOS}_${BUILDARCH}_static /usr/local/bin/opa
COPY policies /policies
RUN opa build -t wasm -e main/allow /policies -o /policies/bundle.tar.gz

FROM --platform=$BUILDPLATFORM alpine:3.20 AS operator
ARG BUILDPLATFORM
RUN addgroup -S app && adduser -S -G app app
COPY --from=policy /policies/bundle.tar.gz /etc/operator/policy.tar.gz
ADD bin/${BUILDPLATFORM}/manager /usr/local/bin/manager
ADD bin/${BUILDPLATFORM}/scheduler /usr/local/bin/scheduler
ADD bin/${BUILDPLATFORM}/autoscaler /usr/local/bin/autoscaler
USER app
ENTRYPOINT ["/usr/local/bin/manager"]
