"""`pip install .` (not editable) ships the built-in rules and the command finds them."""
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SEED_TXT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    res = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--quiet",
                          "--target", str(target), str(ROOT)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return target


def test_installed_package_runs_with_its_own_rules(installed, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(installed))
    code = "import extract.rules as r; print(r.builtin_rules_dir())"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert where.returncode == 0, where.stderr
    assert str(installed) in where.stdout and str(ROOT / "rules") not in where.stdout
    res = subprocess.run([sys.executable, "-m", "extract", "extract", str(SEED_TXT)], capture_output=True,
                         cwd=tmp_path, env=env)
    assert res.returncode == 0, res.stderr.decode("utf-8", "replace")
    assert len([json.loads(x) for x in res.stdout.decode("utf-8").splitlines()]) == 88
    check = subprocess.run([sys.executable, "-m", "extract", "rules", "check"], capture_output=True, cwd=tmp_path, env=env)
    assert check.returncode == 0
    # Every subcommand runs from the installed copy (every subpackage shipped).
    targets = str(ROOT / "samples" / "yueyang-targets-2025.csv")
    for args, code in ((["check", str(SEED_TXT), "--targets", targets, "--format", "jsonl", "-q"], 0),
                       (["report", str(SEED_TXT), "-o", str(tmp_path / "r.html"), "-q"], 0),
                       (["ingest", str(SEED_TXT), "--db", str(tmp_path / "h.db"), "-q"], 0),
                       (["rollup", str(ROOT / "samples" / "counties"), "-q"], 0)):
        res = subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, cwd=tmp_path, env=env)
        assert res.returncode == code, (args, res.stderr.decode("utf-8", "replace"))
        assert b"internal_error" not in res.stderr and b"Traceback" not in res.stderr
