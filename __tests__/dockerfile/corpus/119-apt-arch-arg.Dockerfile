# pattern: Web server image from a vendor's apt repository: `ARG VENDOR_APT_ARCH="amd64"` names the repository's architecture in sources.list, so the arm64 image installs amd64 packages (or fails); an ARCH ARG with more than one prefix (#21 miss)
# platforms: linux/amd64,linux/arm64
# expect: 8 build-arch-binary
FROM debian:bookworm-slim
ARG VENDOR_APT_REPO="https://packages.example.invalid/debian"
ARG VENDOR_APT_ARCH="amd64"
ARG VENDOR_VERSION="=1.2.3-1"
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates gnupg wget \
    && wget -qO - "${VENDOR_APT_REPO}/key.gpg" | gpg --dearmor > /etc/apt/trusted.gpg.d/vendor.gpg \
    && echo "deb [arch=$VENDOR_APT_ARCH] $VENDOR_APT_REPO bookworm main" > /etc/apt/sources.list.d/vendor.list \
    && apt-get update && apt-get install -y --no-install-recommends "vendor-server${VENDOR_VERSION}"
CMD ["vendor-server"]
