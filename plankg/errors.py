"""One root exception for plankg, with a subclass per kind of failure.

The library raises these and never exits or prints; the CLI turns them into
one-line messages and exit codes in a single place (plankg.cli).
"""

from __future__ import annotations


class KgError(Exception):
    """Root of every error plankg raises on purpose."""


class SourceError(KgError):
    """An input file that cannot be read as a plan: empty, binary, wrong encoding."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.message = message
        self.line = line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        """Picklable, so it can come back from an extraction worker process."""
        return (type(self), (self.source, self.message, self.line))


class VocabularyError(KgError):
    """A term or registry entry that the ontology files do not declare."""


class StoreError(KgError):
    """The graph store cannot be opened, is locked, or has another format version."""


class QueryError(KgError):
    """An unknown query name, a missing parameter, or a value of the wrong kind."""


class NotFoundError(QueryError):
    """A value names nothing the graph holds (no such agency, province or document)."""


class ReadOnlyError(QueryError):
    """An update sent where only reading is allowed."""


class RemoteError(KgError):
    """A SPARQL server that cannot be reached or refuses the request."""


class QueryFailedError(RemoteError):
    """A query sent to a SPARQL server that did not answer it (its reason kept), not an
    endpoint given wrong: what names the query that failed."""
