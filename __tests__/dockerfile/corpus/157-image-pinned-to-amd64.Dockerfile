# pattern: Web archiver: the only stage is `FROM --platform=linux/amd64 ubuntu:24.04` (a browser exists for amd64 only) while CI builds linux/amd64,linux/arm64: the arm64 image is amd64 throughout; one finding at the FROM, not one per RUN that installs or fetches there (#21, a blind set: reported twice at RUNs, missed at the cause)
# platforms: linux/amd64,linux/arm64
# expect: 4 build-arch-binary
FROM --platform=linux/amd64 ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3-dev curl
COPY pyproject.toml uv.lock /app/
RUN cd /app && uv pip install --system -r pyproject.toml
RUN curl -fsSL "https://example.org/chrome-$(uname -m).deb" -o /tmp/chrome.deb && apt-get install -y /tmp/chrome.deb
COPY . /app
ENTRYPOINT ["/app/bin/archiver"]
