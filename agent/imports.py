"""Third-party package bodies a reply does not use, run when first used instead of at start.

langchain-core imports ``langsmith.run_trees`` for every chat model, which imports one small
module of ``langsmith.types``; that package's ``__init__`` imports its whole generated API
client types (hundreds of modules, about 0.24 s of CPU). langgraph imports one dataclass of
``langgraph_sdk.auth.types``, whose top package imports the HTTP client (about 0.13 s). A
process that never traces and never calls a LangGraph server uses neither. Here such a
package is registered without running its ``__init__``: its submodules import as usual, and
the first attribute asked of the package itself (``from langsmith.types import X``) runs the
``__init__`` then, so nothing changes for code that uses it.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType
from typing import Any

DEFERRED = ("langsmith.types", "langgraph_sdk")
_lock = threading.RLock()


def defer(name: str) -> bool:
    """Register package ``name`` so that its ``__init__`` runs on first attribute use.

    Args:
        name: a package's dotted name (its parent package is imported now).

    Returns:
        True when deferred; False when it is already imported or not a package.
    """
    if name in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        return False
    module = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def run_init(attr: str) -> Any:
        """PEP 562: called for a name the package does not hold yet; runs its body once."""
        with _lock:
            if module.__dict__.get("__getattr__") is run_init:
                del module.__dict__["__getattr__"]
                loader.exec_module(module)
        return module.__dict__[attr] if attr in module.__dict__ else _missing(module, attr)

    module.__dict__["__getattr__"] = run_init
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return True


def _missing(module: ModuleType, attr: str) -> Any:
    """The package's own ``__getattr__`` if its body defined one, else AttributeError."""
    hook = module.__dict__.get("__getattr__")
    if hook is not None:
        return hook(attr)
    raise AttributeError(f"module {module.__name__!r} has no attribute {attr!r}")


def defer_unused() -> None:
    """Defer every package of :data:`DEFERRED` not imported yet."""
    for name in DEFERRED:
        defer(name)
