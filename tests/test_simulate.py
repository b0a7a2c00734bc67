"""`scripts/simulate.py`: the benchmark FSRS is held to, run as the README runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fsrs_rs_python")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "simulate.py"


def simulate(tmp_path: Path, *args: str) -> dict[str, dict[str, dict[str, float]]]:
    out = tmp_path / "sim.json"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--seed", "2", "--json", str(out), *args],
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text())


def test_fsrs_with_default_steps_needs_at_most_0_8_of_sm2s_reviews(tmp_path: Path) -> None:
    figures = simulate(tmp_path)  # 365 days, 2,000 cards, 20 new a day
    under_fsrs6 = figures["fsrs6"]
    assert under_fsrs6["fsrs_vs_sm2"]["reviews"] <= 0.80
    assert under_fsrs6["fsrs"]["known_at_end"] >= under_fsrs6["sm2"]["known_at_end"]
    for learner in figures.values():  # every card introduced, every one reviewed
        assert learner["sm2"]["cards"] == learner["fsrs"]["cards"] == 2000
    anki = simulate(tmp_path, "--learning-steps", "1m 10m", "--relearning-steps", "10m")
    # Anki's steps show each new card two or three times on its first day
    assert anki["fsrs6"]["fsrs"]["reviews"] > under_fsrs6["fsrs"]["reviews"] + 2000
    assert anki["fsrs6"]["sm2"] == under_fsrs6["sm2"]  # the steps are FSRS's alone
