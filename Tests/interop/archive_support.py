"""The release archive under test, and the README blocks the archive tests run as written.

GONG_MOCK_ARCHIVE names a release archive (scripts/check-archive sets it after scripts/package);
without it, an archive of the debug binary is made with `scripts/package --binary` (seconds, so
./scripts/test can run these tests on every change)."""
import os
import pathlib
import re
import subprocess

from conftest import BINARY, ROOT

README = ROOT / "README.md"


def readme_block(marker):
    """The fenced block right after `<!-- MARKER … -->` in the README."""
    text = README.read_text()
    match = re.search(r"<!-- " + re.escape(marker) + r"\b[^>]*-->\s*```[a-z]*\n(.*?)```", text, re.S)
    assert match, f"README has no block marked <!-- {marker} -->"
    return match.group(1)


def allowed_libraries():
    """The first column of the README's ldd-allowed block."""
    return {line.split()[0] for line in readme_block("ldd-allowed").splitlines() if line.strip()}


def make_archive(directory):
    """(archive path, is_release)."""
    given = os.environ.get("GONG_MOCK_ARCHIVE")
    if given:
        return pathlib.Path(given).resolve(), True
    result = subprocess.run([str(ROOT / "scripts" / "package"), "--binary", BINARY, "--out", str(directory)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return pathlib.Path(result.stdout.strip().splitlines()[-1]), False
