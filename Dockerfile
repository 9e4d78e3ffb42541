# syntax=docker/dockerfile:1
#
# One image for every process of the system; the command picks which one runs
# (docker-compose.yml and deploy/README.md say which command each container uses):
#
#   uvicorn --factory services.registration.main:create_app --host 0.0.0.0 --port 8001  (+ the
#   uvicorn --factory services.benefits.main:create_app     --host 0.0.0.0 --port 8002   keep-alive
#   uvicorn --factory services.employment.main:create_app   --host 0.0.0.0 --port 8003   options of compose)
#   uvicorn --factory services.console.main:create_app      --host 0.0.0.0 --port 8000   the staff console
#   python -m workflows.worker          the claimant-journey Temporal worker
#   uis-migrate [SERVICE...]            the services' SQL migrations (yoyo), one-shot
#   uis-token --role ROLE ...           issue a JWT (needs the private key: run it as the worker)
#
# The Python environment is exactly uv.lock without the dev group (`uv sync --frozen --no-dev`),
# built in a first stage that holds uv; the final stage has no uv, pip cache or build tools.
# The console's front-end assets (htmx, ECharts, axe-core) are exactly
# services/console/assets/package-lock.json (`npm ci`), built in a node stage; the final stage
# holds their files only, at CONSOLE_ASSETS_DIR (no node, no npm). The runtime stage adds
# WeasyPrint's Pango libraries and the Noto CJK fonts (the benefits service's PDF notices).

ARG PYTHON_IMAGE=python:3.11-slim
ARG NODE_IMAGE=node:20-slim

# --- assets: the console's pinned front-end files -----------------------------------------------
FROM ${NODE_IMAGE} AS assets

ENV NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /assets
# Same install as scripts/setup.sh step f: the lock's versions and integrity hashes, no scripts.
COPY services/console/assets/package.json services/console/assets/package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts \
    && test -s node_modules/htmx.org/dist/htmx.min.js \
    && test -s node_modules/echarts/dist/echarts.min.js \
    && test -s node_modules/axe-core/axe.min.js

# --- build: /app/.venv from uv.lock -------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

# Same uv as scripts/setup.sh (UV_VERSION) uses on developer machines and CI.
ARG UV_VERSION=0.13.9
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    UV_PYTHON=python3.11 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1
RUN pip install "uv==${UV_VERSION}"

WORKDIR /app

# Third-party dependencies first: this layer is rebuilt only when the lock changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

# Then the code and the project itself, installed editable onto /app, which gives the console
# scripts uis-migrate and uis-token. Each service finds its SQL migrations relative to its
# package (services/<service>/settings.py MIGRATIONS), so they must stay beside the code.
COPY contracts ./contracts
COPY shared ./shared
COPY services ./services
COPY workflows ./workflows
# The local defaults of ports and names (shared/local.py); production sets full URLs instead.
COPY scripts/defaults.env ./scripts/defaults.env
RUN uv sync --frozen --no-dev \
    && python -m compileall -q contracts shared services workflows

# --- runtime ------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV VIRTUAL_ENV=/app/.venv \
    PATH="/app/.venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    CONSOLE_ASSETS_DIR=/app/console-assets/node_modules

# WeasyPrint's system libraries (Pango, with HarfBuzz and FreeType) and the Noto CJK fonts the
# written decisions are set in (R-NOTICE-1, services/benefits/notices/templates).
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

# Non-root, fixed numeric IDs (for runAsNonRoot-style checks); the code and the venv stay
# owned by root, so the processes cannot change them.
RUN groupadd --system --gid 10001 uis \
    && useradd --system --uid 10001 --gid uis --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin uis

WORKDIR /app
COPY --from=build /app /app
# services/console/settings.py assets_dir (CONSOLE_ASSETS_DIR above, and in docker-compose.yml).
COPY --from=assets /assets/node_modules /app/console-assets/node_modules

USER 10001:10001

EXPOSE 8000 8001 8002 8003

# No default process: every container names its command (see the top of this file).
CMD ["python", "-c", "print('uis image: give a command, e.g.\\n  uvicorn --factory services.registration.main:create_app --host 0.0.0.0 --port 8001\\n  uvicorn --factory services.benefits.main:create_app --host 0.0.0.0 --port 8002\\n  uvicorn --factory services.employment.main:create_app --host 0.0.0.0 --port 8003\\n  uvicorn --factory services.console.main:create_app --host 0.0.0.0 --port 8000\\n  python -m workflows.worker\\n  uis-migrate [registration|benefits|employment ...]\\n  uis-token --role ROLE [--sub SUB] [--district CODE]')"]
