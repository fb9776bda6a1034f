# The dashboard as a container image: Debian's Python 3.11, the app's own packages only (no test
# tools, no geopandas), run as a non-root user from a read-only copy of the code. The published
# store is a volume (/var/lib/sikkerby). README, "Container".
#
#   docker build -t sikkerby .
#   docker build --build-arg BASE_IMAGE=local/debian:bookworm -t sikkerby .   # another Debian 12 base
#   docker build --secret id=ca,src=/path/to/extra-ca.pem -t sikkerby .      # a TLS-inspecting proxy
#
# Needs BuildKit (Docker 23+, or DOCKER_BUILDKIT=1 with Docker 18.09+) for the CA secret mount.
# The base image must be Debian 12 (bookworm) or a derivative: both stages install Debian's
# python3 (3.11) with apt-get, so the virtual environment made in the first stage finds the
# same interpreter in the second.
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS build
ENV DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
# container/pip-install runs pip with the build secret `ca` (an extra CA bundle, for a
# TLS-inspecting proxy between the build and PyPI) added for pip only; pip's downloads stay in
# BuildKit's cache between builds, outside the image.
# First the app's pinned packages (requirements.txt: no test, lint or map-building tools), a
# layer that a change of code leaves cached ...
COPY container/pip-install requirements.txt /src/
RUN --mount=type=secret,id=ca --mount=type=cache,target=/root/.cache/pip \
    /src/pip-install -r /src/requirements.txt
# ... then the package itself, built as the wheel a server installs (the code, and under
# sikkerby/_site the entry script, pages, bundled data, boundaries and Streamlit's settings;
# .dockerignore says what reaches the build; pip compiles the bytecode). Then pip itself and the
# packages' own test suites (about 70 MB: pandas, numpy, pyarrow) are removed.
COPY . /src/
RUN --mount=type=secret,id=ca --mount=type=cache,target=/root/.cache/pip \
    /src/pip-install --no-deps /src \
    && (/opt/venv/bin/pip uninstall -q -y pip setuptools 2>/dev/null || true) \
    && find /opt/venv -type d -name tests -prune -exec rm -rf {} +

FROM ${BASE_IMAGE}
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 ca-certificates \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/* \
    && groupadd --system --gid 10001 sikkerby \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin sikkerby \
    && mkdir -p /var/lib/sikkerby \
    && chown sikkerby:sikkerby /var/lib/sikkerby
COPY --from=build /opt/venv /opt/venv
# The store outside the code; otherwise only /tmp (HOME too) is written: a tmpfs under
# --read-only. The welcome message is off: at 0.0.0.0 it lists the container's own addresses,
# which no one outside can use (`sikkerby serve` already keeps Streamlit from asking a server on
# the internet for the machine's address).
ENV PATH=/opt/venv/bin:$PATH \
    STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE=true \
    SIKKERBY_STORE=/var/lib/sikkerby \
    HOME=/tmp \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501
VOLUME /var/lib/sikkerby
USER sikkerby
EXPOSE 8501
# Streamlit's health endpoint, under the path prefix when STREAMLIT_SERVER_BASE_URL_PATH sets one.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD \
    python -c "import os, urllib.request as u; p = os.environ.get('STREAMLIT_SERVER_BASE_URL_PATH', '').strip('/'); u.urlopen(f\"http://127.0.0.1:{os.environ.get('STREAMLIT_SERVER_PORT', '8501')}/{p + '/' if p else ''}_stcore/health\", timeout=4)"
WORKDIR /tmp
CMD ["sikkerby", "serve"]
