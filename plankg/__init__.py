"""plankg: Vietnamese public plans → a knowledge graph of plans, legal bases, tasks
and agencies.

The pipeline, one verb per stage:

* :func:`plankg.loaders.extract_file` / :func:`plankg.loaders.extract_text`:
  a plan's text → a :class:`~plankg.loaders.records.DocumentRecord`.
"""

__version__ = "0.1.0"
