"""Settings file: ``aligner.toml`` in the working folder, or ``--config FILE``.

A flat TOML table; every key is optional and an option on the command line
wins over it::

    model = "use-multilingual-v3"       # --model
    glossary = "glossary.tsv"           # --glossary (relative to this file)
    fail-on = "error"                   # --fail-on: error | warning
    min-severity = "warning"            # --min-severity
    width = 100                         # --width of the terminal views
    color = "auto"                      # --color: auto | always | never
    review = "reviews/decisions.json"   # --review (relative to this file)

Each command takes the keys it has an option for and ignores the rest.
"""
from __future__ import annotations

import os
import tomllib
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    import click

DEFAULT_NAME = "aligner.toml"
# key in the file → (parameter name in the commands, type, is a path)
KEYS: dict[str, tuple[str, type, bool]] = {
    "model": ("model", str, False),
    "glossary": ("glossary", str, True),
    "fail-on": ("fail_on", str, False),
    "min-severity": ("min_severity", str, False),
    "width": ("width", int, False),
    "color": ("color", str, False),
    "review": ("review_file", str, True),
}


def load_config(path: str | None = None) -> tuple[str | None, dict[str, Any]]:
    """(the file read, parameter name → value). With no ``path``,
    ``aligner.toml`` in the working folder when there is one."""
    explicit = path is not None
    path = path or DEFAULT_NAME
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        if explicit:
            raise InputError(f"{path}: no such settings file") from None
        return None, {}
    except IsADirectoryError:
        raise InputError(f"{path}: settings file is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read settings file ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    folder = os.path.dirname(path)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise InputError(f"{path}: unknown setting '{key}' (known: {', '.join(KEYS)})")
        name, kind, is_path = KEYS[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise InputError(f"{path}: '{key}' must be a {'number' if kind is int else 'string'}")
        if is_path and isinstance(value, str) and folder and not os.path.isabs(value):
            value = os.path.join(folder, value)
        values[name] = value
    return path, values


def defaults_for(command: click.Command, values: dict[str, Any]) -> dict[str, Any]:
    """The settings a click command has options for."""
    names = {param.name for param in command.params}
    return {name: value for name, value in values.items() if name in names}
