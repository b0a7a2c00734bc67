#!/usr/bin/env python3
"""Longer fuzzing than CI runs: the parser, the deck loader, the YAML writer, the sanitiser.

    python scripts/fuzz.py            # 20,000 examples per target
    python scripts/fuzz.py --examples 200000

Runs the property tests of the suite with a larger example budget (hypothesis), and exits
non-zero on the first crash, printing the smallest failing input.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = [
    "tests/test_fuzz.py",
    "tests/test_yamlout.py::test_every_string_round_trips",
    "tests/test_export.py::test_no_script_or_event_handler_survives_rendering",
    "tests/test_export.py::test_fast_path_renders_exactly_like_markdown_it",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=20_000)
    args = ap.parse_args()
    env = {**os.environ, "DLCARDS_FUZZ_EXAMPLES": str(args.examples)}
    return subprocess.call([sys.executable, "-m", "pytest", "-q", *TARGETS], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
