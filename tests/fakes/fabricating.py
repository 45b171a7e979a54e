"""The scripted fabricating chat model (it lives in ``evals/fabricating.py`` so that the
profiles eval can use it too); tests import it from here."""

from evals.fabricating import FABRICATION, FINAL, FabricatingChatModel

__all__ = ["FABRICATION", "FINAL", "FabricatingChatModel"]
