"""THE validator of gold files, built from the JSON Schemas shipped in
``aligner/schemas/`` (``gold.schema.json``: aligner.gold/1 for ``evaluate``;
``pairgold.schema.json``: aligner.pairgold/1 for ``pair-eval``).

A gold file is read with the input reader's limit, parsed as JSON (deep
nesting, numbers too large for Python and non-finite numbers refused),
checked against its schema, and any problem is one :class:`GoldError` line
naming the file and the place (``quotes[3].speaker: 5 is not of type
'string'``).  Checks a schema cannot state (a flag's quote past the last
quote, a line past the end of a document) are made by the callers with
:func:`out_of_range`.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .errors import GoldError, InputError
from .textutil import display_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    import jsonschema

MAX_GOLD_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32  # far deeper than any gold file; bounds the validator's recursion


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    """The shipped schema ``aligner/schemas/<name>.schema.json``."""
    loaded: dict[str, Any] = json.loads(
        resources.files("aligner").joinpath(f"schemas/{name}.schema.json").read_text("utf-8"))
    return loaded


@lru_cache(maxsize=None)
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema

    base = jsonschema.Draft202012Validator
    # JSON integers only: not true/false, not 1.0
    checker = base.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
    validator = jsonschema.validators.extend(base, type_checker=checker)
    return validator(schema(name))


def _reject_constant(value: str) -> NoReturn:
    raise ValueError(f"{value} is not a number JSON allows")


def parse_json(raw: bytes, shown: str, what: str) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{shown}: cannot read {what} (not UTF-8, byte {exc.start})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise GoldError(f"{shown}: cannot read {what} (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{shown}: cannot read {what} (not valid JSON: {exc.msg} at line {exc.lineno} "
                        f"column {exc.colno})") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise GoldError(f"{shown}: cannot read {what} ({str(exc).splitlines()[0][:120]})") from None
    if _depth(data) > MAX_DEPTH:
        raise GoldError(f"{shown}: cannot read {what} (nested more than {MAX_DEPTH} levels deep)")
    return data


def _depth(value: Any, limit: int = MAX_DEPTH + 1) -> int:
    """Nesting depth, without recursion (a hostile file may be deep)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest >= limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def load(path: str | Path, name: str, what: str) -> dict[str, Any]:
    """Read, parse and validate the gold file at ``path`` against the schema
    ``name`` ("gold" or "pairgold")."""
    from .source import read_bytes

    shown = display_path(path)
    try:
        raw = read_bytes(str(path) if isinstance(path, Path) else path)
    except InputError as exc:
        raise GoldError(f"cannot read {what}: {exc}") from None
    if len(raw) > MAX_GOLD_BYTES:
        raise GoldError(f"{shown}: {what} larger than {MAX_GOLD_BYTES // (1024 * 1024)} MB")
    data = parse_json(raw, shown, what)
    check(data, name, shown)
    assert isinstance(data, dict)  # both gold schemas are of type object
    return data


def check(data: Any, name: str, shown: str) -> None:
    """Raise one GoldError line for the first schema violation of ``data``."""
    if isinstance(data, dict) and "schema" in data and data["schema"] != schema(name)["properties"]["schema"]["const"]:
        raise GoldError(f"{shown}: not an {schema(name)['properties']['schema']['const']} file "
                        f"(schema is {_short(data['schema'])})")
    errors = sorted(_validator(name).iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        error = errors[0]
        where = _where(error.absolute_path)
        raise GoldError(f"{shown}: not a valid {schema(name)['$id']} file: {where}{_message(error)}")


def out_of_range(shown: str, where: str, value: object, last: int, unit: str) -> GoldError:
    return GoldError(f"{shown}: not a valid gold file: {where}: {value} is past the end ({last} {unit})")


def _where(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return f"{out}: " if out else ""


def _message(error: jsonschema.ValidationError) -> str:
    instance = error.instance
    if error.validator == "type":
        return f"{_short(instance)} is not of type {error.validator_value!r}"
    if error.validator in ("minimum", "maximum"):
        side = "at least" if error.validator == "minimum" else "at most"
        return f"{_short(instance)} must be {side} {error.validator_value}"
    if error.validator == "required":
        message: str = error.message
        return message
    return f"{_short(instance)}: {error.validator} {_short(error.validator_value)}"


def _short(value: object, limit: int = 60) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
