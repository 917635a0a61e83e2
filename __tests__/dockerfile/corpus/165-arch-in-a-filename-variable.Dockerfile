# pattern: A tools image built for each platform keeps each download's file name or URL in an ENV/ARG (`ARG KFILE=kustomize_${V}_linux_amd64.tar.gz`, `ENV TOOL_URL=…/tool_linux_amd64.tar.gz`) and the RUN only says `${KFILE}`: the arm64 image gets the amd64 tools; one finding per variable, at the last RUN that fetches with it (an `echo $TOOL_URL` takes nothing in); a name chosen by the declared $TARGETARCH is fine (#21, a held-out file studied)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary, 13 build-arch-binary
FROM alpine:3.20
RUN apk add --no-cache curl tar
ENV KVER=v5.4.2
ARG KFILE="kustomize_${KVER}_linux_amd64.tar.gz"
RUN curl -fsSLO "https://example.invalid/kustomize/${KVER}/${KFILE}" \
    && tar -xzf "${KFILE}" -C /usr/local/bin && rm "${KFILE}"
ENV TOOL_VERSION=1.8.0
ENV TOOL_URL=https://example.invalid/tool/v${TOOL_VERSION}/tool_linux_amd64.tar.gz
RUN echo "fetching $TOOL_URL"
RUN curl -fsSL ${TOOL_URL} -o /tmp/tool.tgz
RUN tar -xzf /tmp/tool.tgz -C /usr/local/bin tool
ARG TARGETARCH
ARG HFILE=helm-v3.15.0-linux-${TARGETARCH}.tar.gz
RUN curl -fsSL "https://example.invalid/helm/${HFILE}" | tar -xz -C /tmp && mv /tmp/linux-${TARGETARCH}/helm /usr/local/bin/helm
ENTRYPOINT ["kustomize"]
