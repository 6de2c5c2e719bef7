"""The settings tree: every tuned number the analysis uses, in one place.

``Settings`` → ``speakers`` (name matching), ``renderings`` (the rendering
model and its threshold), ``phrases`` (how quotes and renderings are cut into
phrases and when one is carried: read by the detectors and the diff view
alike), ``comparisons`` (the word diff's quote windows and the phrase table
of the diff view), ``flags`` (one settings object per registered detector,
see :mod:`aligner.flags`).  The whole tree goes into every report's
run signature (sacrebleu-style) and so into a batch's resume key, with the
content hash of a user's glossary, so that a changed threshold or glossary
never reuses a stale report.

``load_settings(FILE.toml)`` reads overrides::

    [renderings]
    threshold = 0.5

    [flags.addition]
    warning_link = 0.9
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from . import __version__
from .comparisons import ComparisonSettings
from .errors import InputError
from .flags import FlagSettings
from .model import DEFAULT_MODEL
from .phrases import PhraseSettings
from .renderings import RenderingSettings
from .report import RunSignature
from .speakers import SpeakerSettings


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    glossary: str | None = None
    speakers: SpeakerSettings = field(default_factory=SpeakerSettings)
    renderings: RenderingSettings = field(default_factory=RenderingSettings)
    phrases: PhraseSettings = field(default_factory=PhraseSettings)
    comparisons: ComparisonSettings = field(default_factory=ComparisonSettings)
    detectors: FlagSettings = field(default_factory=FlagSettings)
    flags: bool = True  # run the detectors at all

    def tree(self) -> dict[str, Any]:
        """The tunable part as nested plain values (what a settings file holds)."""
        return {
            "speakers": _plain(self.speakers),
            "renderings": _plain(self.renderings),
            "phrases": _plain(self.phrases),
            "comparisons": _plain(self.comparisons),
            "flags": {name: _plain(settings) for name, settings in self.detectors.items()},
        }

    def signature(self) -> RunSignature:
        settings: list[tuple[str, Any]] = [("glossary", self.glossary)]
        if self.glossary:
            settings.append(("glossary.sha256", _file_digest(self.glossary)))
        settings += [(f"speakers.{f.name}", getattr(self.speakers, f.name)) for f in fields(self.speakers)]
        settings += list(self.renderings.as_settings())
        settings += [(f"{section}.{f.name}", getattr(values, f.name))
                     for section, values in (("phrases", self.phrases), ("comparisons", self.comparisons))
                     for f in fields(values)]
        settings += list(self.detectors.as_settings())
        return RunSignature(version=__version__, model=self.model, settings=tuple(settings))


def _plain(settings: Any) -> dict[str, Any]:
    return {f.name: _value(getattr(settings, f.name)) for f in fields(settings)}


def _value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"  # load_glossary reports the error itself


def load_settings(path: str | None, base: Settings | None = None) -> Settings:
    """``base`` (default settings) with the overrides of a TOML file."""
    base = base or Settings()
    if not path:
        return base
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read settings ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not a TOML settings file ({exc})") from None
    return apply_overrides(base, data, origin=path)


def apply_overrides(base: Settings, data: dict[str, Any], *, origin: str = "settings") -> Settings:
    unknown = set(data) - {"speakers", "renderings", "phrases", "comparisons", "flags"}
    if unknown:
        raise InputError(f"{origin}: unknown section {', '.join(sorted(unknown))} "
                         "(expected speakers, renderings, phrases, comparisons, flags.NAME)")
    speakers = _override(base.speakers, data.get("speakers", {}), f"{origin}: speakers")
    renderings = _override(base.renderings, data.get("renderings", {}), f"{origin}: renderings")
    phrases = _override(base.phrases, data.get("phrases", {}), f"{origin}: phrases")
    comparisons = _override(base.comparisons, data.get("comparisons", {}), f"{origin}: comparisons")
    flag_data = data.get("flags", {})
    if not isinstance(flag_data, dict):
        raise InputError(f"{origin}: [flags] holds one table per detector")
    detectors = base.detectors
    names = {name for name, _ in detectors.items()}
    for name, values in flag_data.items():
        if name not in names:
            raise InputError(f"{origin}: no detector named '{name}' (detectors: {', '.join(sorted(names))})")
        updated = _override(detectors[name], values, f"{origin}: flags.{name}")
        detectors = FlagSettings(tuple((n, updated if n == name else s) for n, s in detectors.items()))
    return replace(base, speakers=speakers, renderings=renderings, phrases=phrases, comparisons=comparisons,
                   detectors=detectors)


def _override(settings: Any, values: Any, where: str) -> Any:
    if not isinstance(values, dict):
        raise InputError(f"{where}: expected a table of settings")
    known = {f.name: f for f in fields(settings)}
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise InputError(f"{where}: unknown setting '{key}' (known: {', '.join(sorted(known)) or 'none'})")
        changes[key] = _checked(value, _kind(known[key], getattr(settings, key)), f"{where}.{key}")
    try:
        return replace(settings, **changes)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None


def _kind(spec: Any, current: Any) -> str:
    """'bool', 'int', 'float', 'numbers' or 'str': from the field's annotation."""
    annotation = spec.type if isinstance(spec.type, str) else getattr(spec.type, "__name__", "")
    for kind in ("bool", "int", "float", "str"):
        if annotation == kind:
            return kind
    return "numbers" if isinstance(current, tuple) else type(current).__name__


def _checked(value: Any, kind: str, where: str) -> Any:
    """The value in the setting's type: an int setting takes only whole
    numbers, a float any number, a list of weights numbers."""
    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = number(value)
        value = float(value) if ok else value
    elif kind == "numbers":
        ok = isinstance(value, list) and all(number(v) for v in value)
        value = tuple(float(v) for v in value) if ok else value
    else:
        ok = isinstance(value, str)
    if not ok:
        raise InputError(f"{where}: expected {kind}, got {value!r}")
    return value


def to_toml(tree: dict[str, Any]) -> str:
    """The settings tree as a TOML file that :func:`load_settings` reads back."""
    lines: list[str] = []

    def table(name: str, values: dict[str, Any]) -> None:
        lines.append(f"[{name}]")
        for key, value in values.items():
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")

    table("speakers", tree["speakers"])
    table("renderings", tree["renderings"])
    table("phrases", tree["phrases"])
    table("comparisons", tree["comparisons"])
    for name, values in tree["flags"].items():
        if values:
            table(f"flags.{name}", values)
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


__all__ = ["Settings", "load_settings", "apply_overrides", "to_toml"]
