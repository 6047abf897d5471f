"""The README and the guides in docs/ stay true: every `wfh-solver` command they show names a
command and options that exist, and every relative link points at a file that is there."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer

from wfh_solver.cli.app import app

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMAND = re.compile(r"^\s*(?:\$\s+)?wfh-solver\s+(.*)$")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _blocks(text: str) -> list[str]:
    """Lines inside fenced code blocks."""
    lines, inside = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
            continue
        if inside:
            lines.append(line)
    return lines


def _shown_commands() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        lines = _blocks(page.read_text(encoding="utf-8"))
        for k, line in enumerate(lines):
            mistake = k + 1 < len(lines) and lines[k + 1].startswith("error: opsi")
            if (m := COMMAND.match(line)) is not None and not mistake:  # not a shown mistake
                found.append((page.name, m.group(1).split(";")[0].split("|")[0].strip()))
    return found


def test_the_readme_fits_a_few_screens_and_links_every_guide() -> None:
    """Tests the README's size (the guides hold the rest) and that it links each guide."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.encode()) < 15_000
    for page in PAGES[1:]:
        assert f"docs/{page.name}" in text, page.name


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_points_at_a_file(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_every_command_shown_exists_with_its_options() -> None:
    """Tests each `wfh-solver …` line of a code block: the command exists and each option
    it uses is one of that command's options (a renamed option fails here)."""
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    shown = _shown_commands()
    assert len(shown) >= 10
    for page, line in shown:
        line = line.rstrip("\\").strip()  # a line continued on the next
        try:
            words = shlex.split(line, posix=True)
        except ValueError:  # a quote closed on a continuation line
            words = line.split()
        if not words or words[0].startswith("-"):
            continue  # `wfh-solver --version`, `-h`
        assert words[0] in commands, f"{page}: {line}"
        known = {name for param in commands[words[0]].params for name in param.opts}
        known |= {"-h", "--help"}
        for word in words[1:]:
            if word.startswith("--"):
                assert word.split("=")[0] in known, f"{page}: {word} in {line}"
