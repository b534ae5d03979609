# Shared helpers for the project's scripts. Sourced, not run.
# Installs Debian packages only when missing, so every script is idempotent and fast on re-runs.

gm_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# gm_apt PACKAGE...: install the named Debian packages if any is missing.
gm_apt() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "==> installing ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The system libraries the Swift package links against.
gm_build_deps() { gm_apt pkg-config libssl-dev libsqlite3-dev; }

# gm_venv: the project's Python virtualenv (.venv) with the interop test requirements; reinstalls
# only when requirements.txt changed.
gm_venv() {
  local root; root=$(gm_root)
  local venv="$root/.venv" req="$root/Tests/interop/requirements.txt"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
  fi
  if ! cmp -s "$req" "$venv/.requirements.installed" 2>/dev/null; then
    echo "==> pip install -r Tests/interop/requirements.txt" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >&2
    cp "$req" "$venv/.requirements.installed"
  fi
  # The repo's own pytest plugin (python/), as users install it (pip install ./python); the
  # interop tests run on it. Reinstalled only when its sources changed (a stamp of their hash).
  local stamp
  stamp=$(cd "$root/python" && find pyproject.toml gong_mock_pytest -name '*.py' -o -name '*.toml' | LC_ALL=C sort | xargs sha256sum | sha256sum)
  if [ "$stamp" != "$(cat "$venv/.gong-mock-pytest.installed" 2>/dev/null)" ] \
     || ! "$venv/bin/python" -c 'import gong_mock_pytest' 2>/dev/null; then
    echo "==> pip install ./python (the gong_mock pytest plugin)" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check --no-deps "$root/python" >&2
    echo "$stamp" > "$venv/.gong-mock-pytest.installed"
  fi
}

# What the release-archive tests use as a CI job would: curl for the README's download block,
# useradd and setpriv (passwd, util-linux: in every Debian) for scripts/container-run.
gm_archive_deps() { gm_apt curl passwd util-linux; }

# The browser the admin and consent page tests drive.
gm_browser_deps() { gm_apt chromium chromium-driver; }
