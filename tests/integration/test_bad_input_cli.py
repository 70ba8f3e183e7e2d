"""Bad input and bad configuration from the command line: one `error:` line and exit 2 for a configuration
mistake, a skipped file (and the summary) for a bad document (issue 9, items 7 and 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_cli import PROJECT, _stop_stray_servers, assert_no_server_left  # noqa: F401

ARTICLE = ("Russia demanded that Ukraine remain a neutral state. Kyiv rejected neutrality and said it wants "
           "NATO membership.\n")


def run(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PEACEGRAPH_")}
    clean.update({"PEACEGRAPH_DATA_DIR": str(data_dir), **{f"PEACEGRAPH_{k.upper()}": v for k, v in env.items()}})
    return subprocess.run([sys.executable, "-m", "app.cli", *args], env=clean, cwd=PROJECT, capture_output=True,
                          text=True, timeout=180)


def assert_one_error_line(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], proc.stderr


@pytest.mark.parametrize(("env", "needle"), [
    ({"port": "abc"}, "PEACEGRAPH_PORT"),
    ({"cypher_row_limit": "-3"}, "PEACEGRAPH_CYPHER_ROW_LIMIT"),
    ({"db_url": "embedded:/proc/nope"}, "/proc/nope"),
])
def test_configuration_mistakes_are_one_error_line(tmp_path: Path, env: dict[str, str], needle: str) -> None:
    assert_one_error_line(run(tmp_path, "db", "status", **env), needle)


def test_a_missing_or_invalid_codebook_is_one_error_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE)
    missing = tmp_path / "nope.yaml"
    assert_one_error_line(run(tmp_path, "extract", str(doc), codebook=str(missing)), "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [unclosed\n")
    assert_one_error_line(run(tmp_path, "load", str(doc), codebook=str(bad)), "bad.yaml")
    assert_no_server_left(tmp_path)


def test_bad_files_never_stop_a_load_and_the_summary_prints(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(ARTICLE)
    (docs / "fine.txt").write_text(ARTICLE.replace("Kyiv", "Ukraine"))
    (docs / "late_nul.txt").write_bytes(ARTICLE.encode() + b"x" * 9000 + b"\x00 more.\n" + ARTICLE.encode())
    (docs / "surrogate.txt").write_text("---\ntitle: \"bad \\ud800 title\"\n---\n" + ARTICLE)
    (docs / os.fsdecode(b"bad\xff.txt")).write_text(ARTICLE)
    (docs / "meta.yaml").write_text("good:\n  date: 2022-02-30\n")
    proc = run(tmp_path / "data", "load", str(docs), "--batch", "2")
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert "2 loaded" in proc.stdout and "3 skipped" in proc.stdout, proc.stdout
    assert "meta.yaml, entry 'good'" in proc.stdout and "UTF-8" in proc.stdout, proc.stdout
    assert "surrogate.txt: the front matter: not valid YAML" in proc.stdout  # YAML refuses a lone surrogate
    assert_no_server_left(tmp_path / "data")
