"""Reference Turtle (``ontology/*.ttl``) read into the few lookups the readers need.

The registry (plankg.loaders.registry) and the cue words (plankg.loaders.cues) are read
by every command that reads a plan. Parsed by Oxigraph into plain dictionaries this
takes a few milliseconds; rdflib's parser and graph took 0.3 s of every start.
"""

from __future__ import annotations


class Text(str):
    """A literal's lexical form, with its language tag (None if it has none)."""

    language: str | None = None


class Statements:
    """Parsed Turtle, indexed for the lookups the readers of reference data make: IRIs
    as ``str``, literals as :class:`Text`, in the files' order."""

    def __init__(self) -> None:
        self._by_subject: dict[tuple[str, str], list[str]] = {}
        self._by_object: dict[tuple[str, str], list[str]] = {}
        self._by_predicate: dict[str, list[tuple[str, str]]] = {}

    @classmethod
    def parse(cls, documents) -> Statements:  # noqa: ANN001 - an iterable of Turtle bytes
        import pyoxigraph as ox

        def term(node) -> str:  # noqa: ANN001 - a pyoxigraph term
            if isinstance(node, ox.Literal):
                text = Text(node.value)
                text.language = node.language
                return text
            return node.value if isinstance(node, ox.NamedNode) else f"_:{node.value}"

        statements = cls()
        for data in documents:
            for triple in ox.parse(data, ox.RdfFormat.TURTLE):
                s, p, o = term(triple.subject), term(triple.predicate), term(triple.object)
                statements._by_subject.setdefault((s, p), []).append(o)
                statements._by_object.setdefault((p, o), []).append(s)
                statements._by_predicate.setdefault(p, []).append((s, o))
        return statements

    def objects(self, subject: str, predicate: str) -> list[str]:
        return self._by_subject.get((subject, predicate), [])

    def value(self, subject: str, predicate: str) -> str | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects(self, predicate: str, value: str | None = None) -> list[str]:
        if value is not None:
            return self._by_object.get((predicate, value), [])
        return list(dict.fromkeys(s for s, _ in self._by_predicate.get(predicate, [])))

    def subject_objects(self, predicate: str) -> list[tuple[str, str]]:
        return self._by_predicate.get(predicate, [])


class Namespace:
    """``ns.term`` → the IRI as a plain string (not a ``str`` subclass: ``ns.title`` would
    be the method)."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> str:
        return f"{self._base}{name}"
