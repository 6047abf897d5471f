"""A plain `wfh-solver solve …` line read without typer's parser (issue 24: start-up).

Typer builds every command's parser and a pydantic validator for each option before it runs
one: a tenth of a second of a one-second command. Most command lines are plain: `solve`, one
staff list, options written `--name value`, `--name=value` or `-s value`, each once, values
that need no interpretation. Those are read here from the same declarations typer reads (the
`Annotated` options of `solve_command`); anything else — help, a mistake, an unknown or
repeated option, a value that looks like an option, a number not written plainly — returns
None and goes to typer, which answers exactly as before. `tests/test_plain_args.py` checks
that the two readings agree.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import NoneType, UnionType
from typing import Any

_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"[0-9]+(\.[0-9]+)?")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a command as its declaration says: its names, what it holds."""

    name: str
    names: tuple[str, ...]  # "--out", "-o"; () for the positional argument
    kind: type  # str, Path, int, float or bool
    many: bool = False  # a repeatable option (a list)
    off: tuple[str, ...] = ()  # the names that set a flag False ("--no-overwrite")
    minimum: int | float | None = None
    required: bool = False  # no default: the command line must give it


def params(command: Callable[..., Any]) -> list[Param]:
    """The parameters of a typer command function, from its `Annotated` declarations."""
    hints = typing.get_type_hints(command, include_extras=True)
    defaults = {name: p.default for name, p in inspect.signature(command).parameters.items()}
    found = []
    for name, hint in hints.items():
        if name == "return":
            continue
        base, info = typing.get_args(hint)[:2]
        kind, many = _kind(base)
        required = defaults[name] is inspect.Parameter.empty
        if type(info).__name__ == "ArgumentInfo":
            found.append(Param(name, (), kind, required=required))
            continue
        default = getattr(info, "default", None)
        declared = ((default,) if isinstance(default, str) and default.startswith("-")
                    else ()) + tuple(getattr(info, "param_decls", None) or ())
        long = "--" + name.replace("_", "-")
        names = declared or (long,)
        off = ("--no-" + name.replace("_", "-"),) if kind is bool and not declared else ()
        found.append(Param(name, names, kind, many, off, getattr(info, "min", None), required))
    return found


def _kind(base: Any) -> tuple[type, bool]:
    """`Path | None` → Path; `list[Path] | None` → (Path, many)."""
    if isinstance(base, UnionType) or typing.get_origin(base) is typing.Union:
        base = next(a for a in typing.get_args(base) if a is not NoneType)
    if typing.get_origin(base) is list:
        return typing.get_args(base)[0], True
    return base, False


def read(args: Sequence[str], command: str, declared: list[Param]) -> dict[str, Any] | None:
    """`command`'s keyword arguments from a plain command line, or None (let typer read it)."""
    if not args or args[0] != command:
        return None
    by_name = {n: p for p in declared for n in (*p.names, *p.off)}
    positional = [p for p in declared if not p.names]
    given: dict[str, Any] = {}
    rest = list(args[1:])
    while rest:
        token = rest.pop(0)
        if token in ("-h", "--help", "--") or token == "-":
            return None
        if not token.startswith("-"):
            if not positional or positional[0].name in given:
                return None
            given[positional[0].name] = _value(positional[0], token)
            if given[positional[0].name] is None:
                return None
            continue
        name, equals, attached = token.partition("=")
        param = by_name.get(name)
        if param is None or (equals and not name.startswith("--")):
            return None
        if param.kind is bool:
            if equals or param.name in given:
                return None
            given[param.name] = name not in param.off
            continue
        if equals:
            text = attached
        elif rest and not rest[0].startswith("-"):
            text = rest.pop(0)
        else:
            return None
        value = _value(param, text)
        if value is None:
            return None
        if param.many:
            given.setdefault(param.name, []).append(value)
        elif param.name in given:
            return None
        else:
            given[param.name] = value
    if any(p.required and p.name not in given for p in declared):
        return None
    return given


def _value(param: Param, text: str) -> Any:
    """The value of one option as typer would give it, or None when it needs typer's eye."""
    if not text or text != text.strip():
        return None
    if param.kind is Path:
        return Path(text)
    if param.kind is str:
        return text
    if param.kind is int and _INT.fullmatch(text):
        number: int | float = int(text)
    elif param.kind is float and _FLOAT.fullmatch(text):
        number = float(text)
    else:
        return None
    if param.minimum is not None and number < param.minimum:
        return None
    return number
