"""The README tells the truth: its CLI reference is the commands' own help."""

from __future__ import annotations

import subprocess
import sys

from tests.common import ROOT


def test_cli_reference_in_readme_is_up_to_date():
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, "README.md is out of date: run python scripts/cli_reference.py"


def test_every_command_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("mapper build", "mapper check", "mapper gazetteer add"):
        assert f"### `{command}`" in readme, command
