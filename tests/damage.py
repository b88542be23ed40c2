"""Ways a store folder gets damaged (a disk error, a hand edit, a crash), done to a built
store: shared by the damage test (tests/test_attacks.py) and the long attack suite."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

DAMAGES = ("no database", "graph list gone", "malformed entries", "a graph missing", "an unlisted graph",
           "journal garbage", "description not json", "description a list", "database files gone",
           "lock is a folder")


def damage_store(store: Path, damage: str) -> None:
    """Damage the built store at ``store`` in the way ``damage`` (one of DAMAGES) names."""
    import pyoxigraph as ox

    meta_path = store / "plankg-store.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    plan_graph = next(g for g, e in meta["graphs"].items() if e["plan"])
    if damage == "no database":
        shutil.rmtree(store / "oxigraph")
    elif damage == "graph list gone":
        del meta["graphs"]
    elif damage == "malformed entries":
        meta["graphs"][plan_graph] = {"plan": 1}
    elif damage == "a graph missing":
        db = ox.Store(str(store / "oxigraph"))
        db.remove_graph(ox.NamedNode(plan_graph))
        db.flush()
        del db
    elif damage == "an unlisted graph":
        del meta["graphs"][plan_graph]
    elif damage == "database files gone":
        # every sorted file: which of them a read opens depends on how compaction left them,
        # and a read-only view opens them lazily, so one file gone may go unnoticed by `stats`
        for table in (store / "oxigraph").glob("*.sst"):
            table.unlink()
    elif damage == "journal garbage":
        (store / "journal.json").write_text("{not json", encoding="utf-8")
    elif damage == "lock is a folder":
        (store / "write.lock").unlink(missing_ok=True)
        (store / "write.lock").mkdir()
    if damage == "description not json":
        meta_path.write_text("\x00garbage", encoding="utf-8")
    elif damage == "description a list":
        meta_path.write_text("[1, 2]", encoding="utf-8")
    else:
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
