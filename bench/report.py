"""docs/benchmarks.md is written by several commands, each owning one section between its own
markers (`<!-- begin: NAME -->` … `<!-- end: NAME -->`): a run rewrites its section and keeps
every other one as it was, so `make bench` never drops the scale set's figures."""

from __future__ import annotations

import re
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_section(name: str, lines: list[str], report: Path = REPORT) -> None:
    """Put `lines` in the section `name`, in place if it is there, else at the end."""
    block = f"<!-- begin: {name} -->\n" + "\n".join(lines).strip("\n") + f"\n<!-- end: {name} -->\n"
    text = report.read_text(encoding="utf-8") if report.exists() else "# Benchmarks\n"
    pattern = re.compile(
        rf"<!-- begin: {re.escape(name)} -->\n.*?<!-- end: {re.escape(name)} -->\n", re.DOTALL
    )
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    report.write_text(text, encoding="utf-8")
