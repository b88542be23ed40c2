"""The lazy public verbs of the ``plankg.graph`` packages (PEP 562): a package's
``__init__`` names each verb and the module that defines it, and the module loads on
first use, so importing one part of the graph does not load the others."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module


def lazy_verbs(package: str, modules: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds verb ``name`` in ``package.<modules[name]>``."""

    def getattr_(name: str) -> object:
        if name in modules:
            return getattr(import_module(f"{package}.{modules[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return getattr_
