"""Text → sections → records. Pure Python: nothing here imports rdflib at module level.

Public verbs: :func:`extract_text` and :func:`extract_file` (see plankg.loaders.pipeline).
"""

__all__ = ["extract_file", "extract_text"]


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: the pipeline loads on first use, so a
    # command that only lists or hashes files (plankg.loaders.files) does not pay for it
    if name in __all__:
        from plankg.loaders import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'plankg.loaders' has no attribute {name!r}")
