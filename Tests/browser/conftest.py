"""Shared fixtures for the Python checks: they run the real `niemyet` binary on real site folders."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NIEMYET = Path(os.environ.get("NIEMYET", REPO / ".build" / "release" / "niemyet"))
NOW = "2025-08-10"


def build_site(site: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(NIEMYET), "build", "--site", str(site), "--output", str(out), "--now", NOW, *extra],
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example site of the repository, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("example") / "public"
    result = build_site(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A private copy of the example site's sources, for tests that edit content."""
    dest = tmp_path / "site"
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "templates", dest / "templates")
    return dest


def pytest_configure(config):
    # Quality-gate helpers live next to the tests.
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
