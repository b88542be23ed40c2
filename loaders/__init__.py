"""Text → sections → records. Pure Python: nothing here imports rdflib at module level.

Public verbs: :func:`extract_text` and :func:`extract_file` (see plankg.loaders.pipeline).
"""

from plankg.loaders.pipeline import extract_file, extract_text

__all__ = ["extract_file", "extract_text"]
