"""How the command line talks about itself: help texts and usage mistakes, in the user's language.

Typer builds its help from the English strings declared beside each option, and its parser
(typer's own bundled copy of click) reports mistakes in English with a usage dump. HR staff read
Indonesian and need one line that says what to type instead, so this module replaces every help
text with the catalogue's (`help.<command>.<parameter>` in `messages.py`) and turns each parser
exception into one sentence with the right `--help` hint. `app.py` stays a thin layer: it builds
the commands and hands parser errors here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

import typer

from wfh_solver.base.messages import t

try:  # typer ≥ 0.2x bundles its own click; older typer uses the click package
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click_errors  # type: ignore[no-redef]

PROG = "wfh-solver"
UsageError = click_errors.UsageError
Abort: type[BaseException] = typer.Abort


def translate_help(group: Any, panels: bool = True) -> None:
    """Every command's and parameter's help from the catalogue (`help.<cmd>[.<param>]`);
    with `panels`, typer's own words in the help screen too (which loads its rich help
    module: only when the help is asked for, `asks_help`)."""
    group.help = t("help")
    if panels:
        _panel_titles()
    root = _help_option(group)
    for param in group.params:
        if hasattr(param, "help") and _has(f"help.{param.name}"):
            param.help = t(f"help.{param.name}")
    for name, command in group.commands.items():
        if _has(f"help.{name}"):
            command.help = t(f"help.{name}")
            command.short_help = None
        _help_option(command, root)
        for param in command.params:
            key = f"help.{name}.{param.name}"
            if hasattr(param, "help") and _has(key):
                param.help = t(key)


def asks_help(args: Sequence[str]) -> bool:
    """Whether the command line asks for a help screen (`-h` or `--help` anywhere in it)."""
    return any(arg in ("-h", "--help") for arg in args)


def _help_option(command: Any, parent: Any = None) -> Any:
    """The `-h/--help` option's own line (made lazily by the parser, then cached)."""
    try:
        ctx = typer.Context(command, parent=parent, **(command.context_settings or {}))
        option = command.get_help_option(ctx)
    except Exception:  # pragma: no cover - a typer without this hook keeps its English line
        return
    if option is not None:
        option.help = t("help.help")
    return ctx


def _has(key: str) -> bool:
    try:
        t(key)
    except KeyError:
        return False
    return True


def _panel_titles() -> None:
    """Typer's own words in the help screen (panel titles, defaults), where it exposes them."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - typer without rich
        return
    for attr, key in (("ARGUMENTS_PANEL_TITLE", "help_arguments"),
                      ("OPTIONS_PANEL_TITLE", "help_options"),
                      ("COMMANDS_PANEL_TITLE", "help_commands"),
                      ("DEFAULT_STRING", "help_default"),
                      ("REQUIRED_LONG_STRING", "help_required")):
        if hasattr(rich_utils, attr):
            setattr(rich_utils, attr, t(key))


def help_hint(exc: Any, commands: Sequence[str], args: Sequence[str]) -> str:
    """`wfh-solver solve --help` for a mistake inside `solve`, `wfh-solver --help` otherwise."""
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else PROG
    if path == PROG:
        named = next((a for a in args if a in commands), None)
        path = f"{PROG} {named}" if named else PROG
    return t("usage_hint", command=f"{path} --help")


def usage_line(exc: Exception, commands: Sequence[str], args: Sequence[str] = ()) -> str:
    """One sentence for a parser exception, ending with where to read the help."""
    try:
        what = _what(exc, commands)
    except Exception:  # a parser of another typer version: its own words, still one line
        what = str(getattr(exc, "message", exc))
    return f"{t('error')}: {' '.join(what.split())} ({help_hint(exc, commands, args)})"


def _what(exc: Any, commands: Sequence[str]) -> str:
    message = str(getattr(exc, "message", exc))
    if isinstance(exc, click_errors.NoArgsIsHelpError) or message == "Missing command.":
        return t("usage_no_command", commands=", ".join(commands))
    if isinstance(exc, click_errors.NoSuchOption):
        guess = _closest(exc.option_name, exc.possibilities or ())
        return t("usage_no_option", option=exc.option_name) + (
            t("did_you_mean", guess=guess) if guess else "")
    if isinstance(exc, click_errors.MissingParameter):
        return t("usage_missing", what=_param_name(exc.param))
    if isinstance(exc, click_errors.BadParameter):
        return t("usage_bad_value", what=_param_name(exc.param), expected=_expected(exc))
    if isinstance(exc, click_errors.BadOptionUsage) and "requires an argument" in exc.message:
        return t("usage_needs_value", option=exc.option_name)
    if message.startswith("No such command"):
        typed = message.split("'")[1] if message.count("'") >= 2 else ""
        guess = _closest(typed, commands)
        return t("usage_no_command_named", name=typed) + (
            t("did_you_mean", guess=guess) if guess else "")
    if message.startswith("Got unexpected extra argument"):
        extra = re.search(r"\(([^()]*)\)\s*$", message)
        return t("usage_extra", args=extra.group(1) if extra else message)
    return message


def _closest(typed: str, choices: Sequence[str]) -> str | None:
    if not typed:
        return None
    lowered = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(typed.lower(), list(lowered), n=1, cutoff=0.5)
    return lowered[found[0]] if found else None


def _param_name(param: Any) -> str:
    if param is None:
        return "?"
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.name or "?").upper()
    opts = sorted(param.opts, key=len, reverse=True)
    return opts[0] + (f" ({', '.join(opts[1:])})" if len(opts) > 1 else "")


def _expected(exc: Any) -> str:
    """What the option takes, in words (the parser's own sentence is English)."""
    param = exc.param
    click_type = getattr(param, "type", None)  # click's ParamType; typer ≥ 0.2x: an annotation
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    kind = getattr(click_type, "name", "") or getattr(annotation, "__name__", "")
    low = getattr(param, "min", getattr(click_type, "min", None))
    high = getattr(param, "max", getattr(click_type, "max", None))
    if kind in ("int", "integer", "integer range"):
        if low is not None and high is not None:
            return t("expect_int_between", low=low, high=high)
        if low is not None:
            return t("expect_int_from", low=low)
        return t("expect_int")
    if kind in ("float", "float range"):
        return t("expect_number")
    return str(exc.message)
