"""Shared fixtures: one real embedder per session, and helpers that align a
transcript written inside a test."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

# Tests never reach the model hub: huggingface_hub reads this once, when it is
# first imported, so it must be set before any test imports it (an unknown
# model name then fails at once instead of after a minute of retries).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Terminal views read COLUMNS and NO_COLOR; tests say what width and colour they want.
os.environ.pop("COLUMNS", None)
os.environ.pop("NO_COLOR", None)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "voa-nk-human-rights-resolution.en.txt"
SEED_GOLD = SEEDS / "voa-nk-human-rights-resolution.en.gold.json"
SAMPLES = ROOT / "samples"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Two worker processes by default when pytest-xdist is installed (the
    test extra has it): the suite is CPU-bound and CI has two cores.  ``-n 0``
    (or ``-p no:xdist``) runs it in one process; ``-n N`` picks another count.
    Runs before xdist's own hook, which turns the count into workers; never
    in a worker (which would start workers of its own)."""
    worker = hasattr(config, "workerinput") or "PYTEST_XDIST_WORKER" in os.environ
    if (not worker and config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses", None) is None
            and not config.getoption("usepdb", False) and (os.cpu_count() or 1) >= 2):
        config.option.numprocesses = 2


def shared_corpus() -> Path | None:
    """The development corpus with gold, when it sits beside the clone (CI:
    ``../shared/corpus``) or at its place on the development machines."""
    for candidate in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if candidate.is_dir() and any(candidate.glob("*.gold.json")):
            return candidate
    return None


def dedent(text: str) -> str:
    """A transcript written indented inside a test, as a file would hold it."""
    return textwrap.dedent(text).strip("\n") + "\n"


@pytest.fixture(scope="session")
def embedder():
    """The default embedded model, loaded once for the whole session."""
    from aligner.model import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def fake_embedder():
    """A deterministic stand-in for the model, for tests of structure (offsets,
    segmentation, report shape on large inputs) rather than of what the model
    judges: each distinct text gets its own fixed unit vector, so identical
    texts match and different ones are nearly orthogonal."""
    import hashlib

    import numpy as np

    from aligner.model import CachingEmbedder

    def encode_batch(texts):
        rows = [np.random.default_rng(int.from_bytes(hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest()[:8],
                                                     "little")).standard_normal(64) for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), 64)

    return CachingEmbedder("fake (hashed texts)", encode_batch)


@pytest.fixture(scope="session")
def glossary():
    from aligner.glossary import load_glossary

    return load_glossary()


@pytest.fixture(scope="session")
def align_text(embedder):
    """``align_text(text, **settings)`` → Report, with the session's embedder."""
    from aligner import Settings, align, source_from_text

    def run(text: str, *, path: str = "<test>", **settings):
        return align(source_from_text(text, path=path), settings=Settings(**settings), embedder=embedder)

    return run


@pytest.fixture(scope="session")
def seed_report(embedder):
    from aligner import align, read_source

    return align(read_source(str(SEED)), embedder=embedder)


@pytest.fixture(scope="session")
def cli_env():
    """Environment for CLI subprocesses: offline, and the package importable."""
    env = dict(os.environ)
    env["HF_HUB_OFFLINE"] = "1"
    env.pop("NO_COLOR", None)
    return env
