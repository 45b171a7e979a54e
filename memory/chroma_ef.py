"""The embedding model as a Chroma embedding function, registered by name.

A collection stores the name ``passport-minilm-int8`` in its configuration, so a store
reopened in a new process rebuilds this same function; Chroma's default embedding function
(which downloads a model) is never used. Imported only where Chroma is used.
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from memory.embeddings import MODEL_NAME, get_embedder


@register_embedding_function
class PassportEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma adapter over :func:`get_embedder`, persisted by name in collection config."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        vectors = get_embedder().embed([str(t) for t in input])
        return [row for row in vectors]

    @staticmethod
    def name() -> str:
        return MODEL_NAME

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> PassportEmbeddingFunction:
        return PassportEmbeddingFunction()

    def get_config(self) -> dict[str, Any]:
        return {}

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "l2", "ip"]
