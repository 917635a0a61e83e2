# pattern: A Terraform toolbox image builds a slim flavour (CI passes SLIM=yes, AZURE is no): its RUNs wrapped in `if [ "${SLIM}" = "no" ]; then …; fi` and `if [ "${AZURE}" = "yes" ]` do nothing, and `[ -z "${EXTRA_PIP_PACKAGES:-}" ] || pip install …` and `[ -n "$EXTRA_PIP_PACKAGES" ] && …` do nothing while the ARG is empty; `pip install -U pip wheel build tox flake8` takes pure-Python wheels; a script under an `arm64-workaround/` directory is the same text on every platform; `gem install bundler -v …` is Ruby, `gem install pg_query` builds its C extension under QEMU once build-essential is there (#21, the thirteenth set)
# platforms: linux/amd64,linux/arm64
# build-args: SLIM=yes
# expect: 24 emulated-compile
FROM ruby:3.3-slim
ARG SLIM=no
ARG AZURE=no
ARG EXTRA_PIP_PACKAGES
ARG BUNDLE_VERSION=2.5.10
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3-dev python3-pip libpq-dev git
RUN python3 -m pip install --break-system-packages -U pip wheel build tox flake8
RUN if [ "${SLIM}" = "no" ]; then \
      pip3 install --break-system-packages --no-cache-dir -r /tmp/requirements.txt ; \
    fi
RUN if [ "${AZURE}" = "yes" ]; then \
      if [ -n "$SODIUM" ]; then export SODIUM_INSTALL=system; fi ; \
      pip3 install --break-system-packages -r /tmp/azure-requirements.txt ; \
    fi
RUN [ -z "${EXTRA_PIP_PACKAGES:-""}" ] || pip3 install --break-system-packages "${EXTRA_PIP_PACKAGES}"
RUN [ -n "$EXTRA_PIP_PACKAGES" ] && pip3 install --break-system-packages $EXTRA_PIP_PACKAGES
COPY --chmod=755 arm64-workaround/fix-libs.sh /usr/local/bin/fix-libs.sh
COPY arm64-workaround/README.md /usr/share/doc/workaround.md
RUN gem install bundler --version "$BUNDLE_VERSION"
RUN gem install pg_query
CMD ["bash"]
