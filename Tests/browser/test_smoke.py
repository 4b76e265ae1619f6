from conftest import build_site


def test_example_site_builds_with_zero_warnings(tmp_path):
    from conftest import REPO
    result = build_site(REPO, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.replace("0 warning(s)", "")
    assert (tmp_path / "out" / "index.html").exists()
