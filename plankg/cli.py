"""The ``plankg`` command: a thin layer over the library.

Each command parses options, calls one library function and formats the result.
Library errors (:class:`plankg.errors.KgError`) become one-line messages in one place,
:class:`PlankgGroup`. Exit codes: 0 ok, 1 error (or some inputs failed), 2 usage,
3 data that does not conform to the shapes (``validate``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plankg.errors import KgError
from plankg.samples import sample_paths
from plankg.tables import visible
from plankg.writer import atomic_write


class PlankgGroup(click.Group):
    """A click group that reports library errors, and what the operating system refuses
    (a full disk, an output folder that is a file, a name too long), as one line
    ``Error: ...`` and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, so that a full disk under stdout is reported like any error
            return result
        except KgError as err:
            raise click.ClickException(visible(str(err))) from None
        except BrokenPipeError:  # `plankg … | head`: the reader left; nothing more to say
            sys.stderr.close()
            raise SystemExit(1) from None
        except OSError as err:
            where = f"{err.filename}: " if err.filename else ""
            raise click.ClickException(visible(f"{where}{err.strerror or err}")) from None


def _report(err: Exception) -> None:
    """One line on stderr for a file or request that failed while the batch goes on."""
    click.echo(f"Error: {visible(str(err))}", err=True)


@click.group(cls=PlankgGroup)
@click.version_option(package_name="plankg")
def main() -> None:
    """Turn Vietnamese public plans into a knowledge graph of plans, legal bases,
    tasks and agencies."""


class _NoBar:
    """What ``_progress`` gives when no bar is drawn."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        return None

    def update(self, done: int) -> None:
        return None


_SLOW_SUFFIXES = (".pdf", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _progress(total: int, label: str, quiet: bool, files: list[Path] = ()):
    """A progress bar on stderr for work that may take a while (many files, or PDFs and
    scans: OCR pages are reported as they are read), none when quiet or when stderr is
    not a terminal."""
    if quiet or not sys.stderr.isatty():
        return _NoBar()
    slow = any(Path(f).suffix.lower() in _SLOW_SUFFIXES for f in files)
    if slow:
        import logging

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("  %(message)s"))
        logging.getLogger("plankg.loaders").addHandler(handler)
        logging.getLogger("plankg.loaders").setLevel(logging.INFO)
    if total < 20 and not slow:
        return _NoBar()
    return click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)


def _inputs(paths: tuple[Path, ...], sample: bool) -> tuple[list[Path], list[str]]:
    """The files to read: PATHS (folders give their plan files in every format), or the
    samples with --sample; and the folders that could not be listed (each reported in
    one line). Other files in the folders are named with the reason they are skipped;
    finding nothing to read is an error."""
    from plankg.loaders.files import SUFFIXES, plan_files

    if sample:
        return sample_paths(), []
    if not paths:
        raise click.UsageError("give plan files or folders, or --sample for the bundled sample plans")
    skipped: list = []
    files, errors = plan_files(list(paths), skipped)
    for err in errors:
        _report(err)
    for item in skipped:
        click.echo(visible(f"skipped {item.source}: {item.message}"), err=True)
    if not files and not errors:
        raise click.ClickException("no plan files in " + ", ".join(str(p) for p in paths) + ": expected "
                                   + ", ".join(sorted(SUFFIXES)))
    return files, [err.source for err in errors]


class _Jobs(click.ParamType):
    """``--jobs``: a number of processes from 1 to 64, or ``auto`` (None: decided by the
    size of the batch, see :func:`plankg.loaders.batch.auto_jobs`)."""

    name = "N|auto"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        if value is None or isinstance(value, int):
            return value
        if str(value).strip().lower() == "auto":
            return None
        try:
            jobs = int(value)
        except ValueError:
            self.fail(f"{value!r} is neither a number nor 'auto'", param, ctx)
        if not 1 <= jobs <= 64:
            self.fail(f"{jobs} is not in the range 1 to 64", param, ctx)
        return jobs


jobs_option = click.option(
    "--jobs", "-j", type=_Jobs(), default="auto", show_default=True, metavar="N|auto",
    help="Files read at once, in worker processes; auto: one per CPU for 16 files or more, "
         "else one (one file: pages of a scan read by OCR at once, one per CPU).")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--sample", is_flag=True, help="Use the bundled sample plans.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the records here (JSON list) instead of standard output.")
@click.option("--explain", is_flag=True,
              help="Print each task with its agencies, how each was read and the words that said so.")
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def extract(paths: tuple[Path, ...], sample: bool, output: Path | None, explain: bool, jobs: int | None,
            quiet: bool) -> None:
    """Extract plan records (metadata, legal bases, tasks, agencies) as JSON.

    PATHS are plan files — text, Word (.docx, .doc), PDF (scans read by OCR), images,
    web pages — or folders of them. Bad files are reported and skipped;
    the exit code is 1 if any failed. With --explain the records are printed for
    reading: every lead and coordinating agency with its reason (heading, field, table
    column, running text, inherited, cross-reference) and quote.

    Example: plankg extract plan1.txt plan2.txt -o records.json
    Example: plankg extract --explain plan1.txt
    """
    from plankg.explain import explain_record
    from plankg.loaders.batch import auto_jobs, extract_files
    from plankg.loaders.serialize import json_list, list_item

    records: list = []
    files, failures = _inputs(paths, sample)
    with _progress(len(files), "reading", quiet, files) as bar:
        for path, result in extract_files(files, jobs or auto_jobs(len(files)), bar.update,
                                          finish=explain_record if explain else list_item):
            if isinstance(result, KgError):
                failures.append(getattr(result, "source", str(path)))
                _report(result)
            else:
                records.append(result)
    text = visible("".join(records)) if explain else json_list(records)
    if output:
        atomic_write(output, text)
    else:
        sys.stdout.write(text)
    summary = f"extracted {len(records)} of {len(records) + len(failures)} documents"
    if failures:
        click.echo(visible(f"{summary}; failed: " + ", ".join(failures)), err=True)
        raise SystemExit(1)
    click.echo(summary, err=True)


# ---------------------------------------------------------------------------- the graph

def store_option(func):
    """``--store DIR`` for every command that reads or writes the graph."""
    return click.option(
        "--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Graph store folder (default: $PLANKG_STORE, else ./.plankg/store).")(func)


def _store_path(store_dir: Path | None) -> Path:
    from plankg.graph.store import default_store_path

    return store_dir or default_store_path()


def open_store(store_dir: Path | None, write: bool = False):
    """The store, for reading or writing; derived graphs an interrupted build left stale
    are recomputed first when no other process is writing."""
    from plankg.graph.derived.indexes import repair_if_stale
    from plankg.graph.store import PlanStore

    path = _store_path(store_dir)
    if not write and (path / "plankg-store.json").exists() and repair_if_stale(path):
        click.echo(f"{path}: repaired what an interrupted build or removal left (undone, or the indexes "
                   "and views recomputed)", err=True)
    return PlanStore(path, write=write)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--sample", is_flag=True, help="Build from the bundled sample plans.")
@jobs_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@store_option
def build(paths: tuple[Path, ...], sample: bool, jobs: int | None, quiet: bool, store_dir: Path | None) -> None:
    """Extract plans and load each into its own named graph of the store.

    Rebuilding a plan replaces its graph; building the same files twice changes nothing.
    A second copy of a document already built (same number, kind, issuer, year and
    province, or the same text) is skipped and named on stderr.
    The ontology and reference data are loaded with every build.

    Example: plankg build plans/ --store kg/
    """
    from plankg.graph.ingest.sources import nothing_to_build

    files, unlisted = _inputs(paths, sample)
    if not unlisted and nothing_to_build(_store_path(store_dir), files):
        click.echo(f"built 0 graphs ({len(files)} unchanged) into {_store_path(store_dir)}: nothing changed")
        return
    from plankg.graph.ingest.plans import build as build_graph
    from plankg.graph.iris import REFERENCE_GRAPH
    from plankg.loaders.batch import auto_jobs

    with open_store(store_dir, write=True) as store, _progress(len(files), "reading", quiet, files) as bar:
        report = build_graph(store, files, jobs=jobs or auto_jobs(len(files)), progress=bar.update,
                             on_error=_report)
        plans = sum(1 for entry in store.graphs.values() if entry.plan)
    added = [g for g in report.added if g != REFERENCE_GRAPH]
    click.echo(f"built {len(added)} graphs ({report.unchanged} unchanged) into "
               f"{_store_path(store_dir)}: {plans} plans")
    for skipped, kept in report.duplicates:
        click.echo(visible(f"skipped {skipped}: the same document as {kept}"), err=True)
    failed = unlisted + report.failed
    if failed:
        click.echo(visible("failed: " + ", ".join(failed)), err=True)
        raise SystemExit(1)


@main.command()
@click.argument("plan")
@store_option
def remove(plan: str, store_dir: Path | None) -> None:
    """Remove one plan's graph: by number (202/KH-UBND), IRI or source file name."""
    from plankg.graph.ingest.plans import remove_plan

    with open_store(store_dir, write=True) as store:
        removed = remove_plan(store, plan)
    if not removed:
        raise click.ClickException(f"no plan {plan!r} in the store; `plankg plans` lists what is loaded")
    click.echo(f"removed {len(removed)} graph(s): " + ", ".join(removed))


@main.command()
@store_option
def reindex(store_dir: Path | None) -> None:
    """Recompute the indexes and views from every plan in the store.

    Builds and removals of a few plans change them by difference; this recomputes them
    in full (what a build of many plans does), for a check or after a plankg upgrade.

    Example: plankg reindex --store kg/
    """
    from plankg.graph.derived.indexes import refresh_indexes

    path = _store_path(store_dir)
    if not (path / "plankg-store.json").exists():
        raise click.ClickException(f"{path}: no plankg store here; `plankg build` makes one")
    with open_store(store_dir, write=True) as store:
        changed = refresh_indexes(store)
    click.echo(f"{path}: indexes and views recomputed" + ("" if changed else " (they were up to date)"))


@main.command()
@store_option
def validate(store_dir: Path | None) -> None:
    """Check the store against the SHACL shapes (ontology/shapes.ttl). Exit 3 if it does not conform."""
    from plankg.graph.report.validate import validate_store

    with open_store(store_dir) as store:
        report = validate_store(store)
    if report.conforms:
        click.echo("the graph conforms to the plankg shapes")
        return
    for v in report.violations:
        click.echo(visible(f"{v.focus}: {v.message}"))
    click.echo(f"{len(report.violations)} violations", err=True)
    raise SystemExit(3)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig", "csv"]),
              default="ttl", show_default=True)
@click.option("--plan", help="Export one plan (number, IRI or source file name).")
@click.option("--with-reference", is_flag=True,
              help="Include the ontology, reference data, and the derived indexes and views.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@store_option
def export(fmt: str, plan: str | None, with_reference: bool, output: Path | None,
           store_dir: Path | None) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD, TriG, or a CSV of tasks."""
    from plankg.graph.report.export import export as export_graph

    with open_store(store_dir) as store:
        data = export_graph(store, fmt, plan, with_reference)
    if output:
        atomic_write(output, data.decode("utf-8"))
    else:
        sys.stdout.write(data.decode("utf-8"))


@main.command()
@store_option
def stats(store_dir: Path | None) -> None:
    """Counts of plans, tasks, agencies, documents and links, and warnings."""
    from plankg.graph.report.stats import store_stats

    with open_store(store_dir) as store:
        result = store_stats(store)
    click.echo(f"store     {_store_path(store_dir)} ({result.graphs} named graphs, {result.triples} triples)")
    for name, value in result.counts.items():
        click.echo(f"{name.replace('_', ' '):<22}{value:>8}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}")


# ---------------------------------------------------------------------------- queries

def remote_options(func):
    """--endpoint and its credentials, for commands that can talk to a SPARQL server."""
    for option in reversed([
        click.option("--endpoint", help="SPARQL 1.1 query endpoint (default: the embedded store)."),
        click.option("--user", envvar="PLANKG_USER", help="User for the endpoint ($PLANKG_USER)."),
        click.option("--password", envvar="PLANKG_PASSWORD", help="Password ($PLANKG_PASSWORD)."),
        click.option("--auth", type=click.Choice(["digest", "basic"]), default="digest", show_default=True),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
                     help="Seconds per request, the whole answer included."),
    ]):
        func = option(func)
    return func


def _backend(ctx: click.Context, store_dir: Path | None, endpoint: str | None, user, password, auth,
             timeout):
    from plankg.graph.query.backends import LocalBackend, RemoteBackend

    if endpoint:
        return RemoteBackend(endpoint, user, password, auth, timeout)
    store = ctx.with_resource(open_store(store_dir))
    return LocalBackend(store)


@main.command("queries")
@click.option("--all", "show_all", is_flag=True, help="Also the helpers other commands use.")
def list_queries(show_all: bool) -> None:
    """List the questions plankg answers, one line each: name, arguments, what it tells.

    The --reverse and --as-of forms of a question, and the helpers other commands run
    (`stats`, `audit`, the networks), are left out unless --all is given.
    """
    from plankg.graph.query.sparql import load_queries

    queries = load_queries()
    forms = {q.options[k] for q in queries.values() for k in ("reverse", "as-of") if k in q.options}
    shown = {name: q for name, q in queries.items()
             if show_all or not (q.options.get("helper") == "true" or name in forms)}
    def usage(param) -> str:  # noqa: ANN001 - a query parameter
        if param.required:
            return param.name.upper()
        flag = f"--{param.name}" if param.name in _QUERY_OPTIONS else f"-p {param.name}"
        return f"[{flag} {param.type.upper()}]"

    heads = {name: " ".join([name] + [usage(p) for p in q.params]) for name, q in shown.items()}
    width = max(map(len, heads.values()), default=0)
    for name, query in shown.items():
        click.echo(f"{heads[name].ljust(width)}  {query.summary}")


_QUERY_OPTIONS = ("province", "year", "plan")
"""Parameters ``plankg query`` takes as options of their own; any other as ``-p NAME VALUE``."""


@main.command("query")
@click.argument("name")
@click.argument("args", nargs=-1)
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="Give a parameter by name (repeatable).")
@click.option("--province", help="Limit to one province (queries that take it).")
@click.option("--year", help="Limit to one year (queries that take it).")
@click.option("--plan", help="Limit to one plan (queries that take it).")
@click.option("--reverse", is_flag=True, help="The reverse direction (legal-lineage: what rests on DOC).")
@click.option("--as-of", "as_of", help="As agencies stand on this date (YYYY-MM-DD): after the 2025 "
              "reorganisation, tasks given to predecessors count for the successor.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows (one page).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Rows to skip first (with --limit: a page).")
@store_option
@remote_options
@click.pass_context
def query_command(ctx: click.Context, name: str, args: tuple[str, ...], params, province, year, plan,
                  reverse: bool, as_of: str | None, fmt: str, limit: int | None, offset: int, store_dir,
                  endpoint, user, password, auth, timeout) -> None:
    """Run a named query: positional ARGS fill its parameters in order.

    Examples:

      plankg query tasks-led-by DONRE --province "Đồng Nai"

      plankg query legal-lineage 202/KH-UBND

      plankg query plans-implementing 889 --format csv

      plankg query tasks-led-by DONRE --limit 50 --offset 100   (the third page of 50)
    """
    from plankg.errors import QueryError
    from plankg.graph.query.sparql import asked_form, run_query

    try:
        named = asked_form(name, {"as_of": as_of})
    except QueryError as err:
        raise click.UsageError(str(err)) from None
    values: dict[str, str | None] = {}
    positional = [p.name for p in named.params if p.required and p.name != "as_of"] + \
        [p.name for p in named.params if not p.required]
    if len(args) > len(positional):
        raise click.UsageError(f"{name} takes {len(positional)} argument(s): "
                               + " ".join(positional).upper())
    values.update(zip(positional, args, strict=False))
    values.update(dict(params))
    for key, value in (("province", province), ("year", year), ("plan", plan), ("as_of", as_of)):
        if value is not None:
            values[key] = value
    backend = _backend(ctx, store_dir, endpoint, user, password, auth, timeout)
    result = run_query(backend, name, values, reverse=reverse, limit=limit, offset=offset)
    from plankg.tables import render_result

    sys.stdout.write(render_result(result, fmt, named.options.get("group")))


@main.command("plans")
@click.option("--province", help="Only the plans of one province.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@store_option
@remote_options
@click.pass_context
def plans_command(ctx: click.Context, province: str | None, fmt: str, store_dir, endpoint, user, password,
                  auth, timeout) -> None:
    """What is loaded: each plan's number, title, province, date, tasks and source file.

    Example: plankg plans --province "Đồng Nai"
    """
    from plankg.graph.query.sparql import run_query
    from plankg.tables import render_result

    backend = _backend(ctx, store_dir, endpoint, user, password, auth, timeout)
    sys.stdout.write(render_result(run_query(backend, "plans", {"province": province}), fmt))


@main.command("show")
@click.argument("plan")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@store_option
@remote_options
@click.pass_context
def show_command(ctx: click.Context, plan: str, fmt: str, store_dir, endpoint, user, password, auth,
                 timeout) -> None:
    """One plan as the graph holds it: what it is, what it rests on, its targets and its tasks.

    PLAN is a number (202/KH-UBND, or 202 when one plan has it), an IRI or a source file name.

    Example: plankg show 202/KH-UBND
    """
    from plankg.graph.query.sparql import run_query
    from plankg.tables import render_result

    backend = _backend(ctx, store_dir, endpoint, user, password, auth, timeout)
    parts = (("Plan", "plans"), ("Legal relations", "plan-relations"), ("Targets", "plan-objectives"),
             ("Tasks", "plan-tasks"))
    results = {title: run_query(backend, name, {"plan": plan}) for title, name in parts}
    if fmt == "json":
        import json as json_module

        click.echo(json_module.dumps({t: r.rows for t, r in results.items()}, ensure_ascii=False, indent=1))
        return
    for title, result in results.items():
        if fmt == "table":
            click.echo(f"== {title}")
        sys.stdout.write(render_result(result, fmt))


@main.command("serve")
@store_option
@click.option("--endpoint", help="SPARQL 1.1 query endpoint to serve from (default: the embedded store).")
@click.option("--user", envvar="PLANKG_USER", help="User for the endpoint ($PLANKG_USER).")
@click.option("--password", envvar="PLANKG_PASSWORD", help="Password ($PLANKG_PASSWORD).")
@click.option("--auth", type=click.Choice(["digest", "basic"]), default="digest", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds per request to the endpoint.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_context
def serve_command(ctx: click.Context, store_dir, endpoint, user, password, auth, timeout, host: str,
                  port: int) -> None:
    """Serve the graph in a browser: search, plans, agencies, documents, networks,
    the named queries as forms and a read-only SPARQL endpoint at /sparql.

    Example: plankg serve   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from plankg.web.app import create_app

    backend = _backend(ctx, store_dir, endpoint, user, password, auth, timeout)
    click.echo(f"plankg: serving {endpoint or _store_path(store_dir)} at http://{host}:{port}/ (Ctrl-C stops)",
               err=True)
    uvicorn.run(create_app(backend), host=host, port=port, log_level="warning")


@main.command("sparql")
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses call the servers they name.")
@store_option
@remote_options
@click.pass_context
def sparql_command(ctx: click.Context, text: str | None, file: Path | None, fmt: str, allow_service: bool,
                   store_dir, endpoint, user, password, auth, timeout) -> None:
    """Run a SPARQL SELECT or ASK query of your own (the default graph is every plan).

    It only reads, here and on a server: updates are refused; SERVICE clauses are off
    unless --allow-service.
    """
    from plankg.graph.query.sparql import check_read_only
    from plankg.tables import render_result

    if bool(text) == bool(file):
        raise click.UsageError("give the query as TEXT or with --file, not both")
    query = check_read_only(file.read_text(encoding="utf-8") if file else text, allow_service)
    backend = _backend(ctx, store_dir, endpoint, user, password, auth, timeout)
    sys.stdout.write(render_result(backend.select(query), fmt))


@main.command()
@click.option("--endpoint", required=True, help="The server's SPARQL query endpoint.")
@click.option("--user", envvar="PLANKG_USER", help="User ($PLANKG_USER).")
@click.option("--password", envvar="PLANKG_PASSWORD", help="Password ($PLANKG_PASSWORD).")
@click.option("--auth", type=click.Choice(["digest", "basic"]), default="digest", show_default=True)
@click.option("--server", "kind", type=click.Choice(["virtuoso", "virtuoso-auth", "oxigraph", "fuseki"]),
              help="Server kind, for its Graph Store path (guessed from the endpoint).")
@click.option("--with-reference/--without-reference", default=True, show_default=True,
              help="Push the ontology and reference graph too.")
@click.option("--keep-remote", is_flag=True,
              help="Keep plankg graphs on the server that this store no longer has (removed plans).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="Seconds per request, the whole answer included.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@store_option
def push(endpoint: str, user, password, auth, kind, with_reference: bool, keep_remote: bool, timeout: float,
         quiet: bool, store_dir) -> None:
    """Make a SPARQL server hold what the store holds, one named graph per plan.

    Each graph is put whole (a re-push replaces it); plankg graphs the store no longer
    has (removed plans) are removed from the server unless --keep-remote. The server is
    asked back what it holds, so an answer that is not SPARQL is an error. Uses the Graph
    Store HTTP Protocol: Virtuoso /sparql-graph-crud(-auth), Oxigraph /store, Fuseki /data.
    """
    from plankg.graph.iris import REFERENCE_GRAPH
    from plankg.graph.query.remote import push as push_graphs

    with open_store(store_dir) as store:
        graphs = [g for g in store.graphs if with_reference or g != REFERENCE_GRAPH]
        with _progress(len(store), "pushing", quiet) as bar:
            report = push_graphs(store, endpoint, graphs, user, password, auth, kind, bar.update, timeout,
                                 mirror=not keep_remote)
    removed = f", removed {len(report.removed)} graphs the store no longer has" if report.removed else ""
    click.echo(f"pushed {len(report.put)} graphs, {report.sent} triples to {endpoint}{removed}")


@main.command("audit")
@click.argument("plan", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_option
@remote_options
@click.pass_context
def audit_command(ctx: click.Context, plan: str | None, fmt: str, store_dir, endpoint, user, password,
                  auth, timeout) -> None:
    """A data-quality report: budget arithmetic, tasks without a lead, unknown agencies,
    and the reader's doubts (conflicting leads, duties of an implementation section
    with no lead) with the words and offsets that raised them."""
    import dataclasses
    import json as json_module

    from plankg.graph.report.audit import audit

    report = audit(_backend(ctx, store_dir, endpoint, user, password, auth, timeout), plan)
    if fmt == "json":
        payload = {"budget": report.budget, "tasks_without_lead": report.leaderless,
                   "agencies_not_in_registry": report.unregistered, "reading_doubts": report.doubtful}
        click.echo(json_module.dumps({k: [dataclasses.asdict(f) for f in v] for k, v in payload.items()},
                                     ensure_ascii=False, indent=1))
        return
    sections = (("Budget arithmetic", report.budget), ("Tasks without a lead agency", report.leaderless),
                ("Agency names not in the registry", report.unregistered),
                ("Reading doubts (lead conflicts, duties without a lead)", report.doubtful))
    for title, findings in sections:
        click.echo(f"{title}: {len(findings)}")
        for f in findings:
            where = " ".join(part for part in (f.plan, f.where) if part)
            click.echo(visible(f"  - [{f.kind}] {where}: {f.note}" if f.kind != "task without lead"
                               else f"  - {where}: {f.note[:100]}"))


# ---------------------------------------------------------------------------- views

@main.group()
def viz() -> None:
    """Interactive network pages (self-contained HTML, work offline)."""


def _write_view(graph, output: Path, title: str, hierarchical: bool = False) -> None:
    from plankg.viz.render import write_page

    write_page(graph, output, title, hierarchical=hierarchical, filters=not hierarchical)
    click.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


def page_option(default: str):
    """``-o/--output FILE`` for the HTML page a ``viz`` command writes."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path(default),
                        show_default=True, help="HTML page to write.")


@viz.command("agencies")
@click.option("--province", help="Only this province's agencies.")
@click.option("--plan", help="Only this plan's tasks.")
@page_option("agencies.html")
@store_option
@remote_options
@click.pass_context
def viz_agencies(ctx, province, plan, output, store_dir, endpoint, user, password, auth, timeout) -> None:
    """Agencies (size = tasks led, colour = kind) and lead → coordinator edges."""
    from plankg.graph.report.network import agency_network

    graph = agency_network(_backend(ctx, store_dir, endpoint, user, password, auth, timeout), plan, province)
    where = " · ".join(p for p in (province, plan) if p)
    _write_view(graph, output, "Agencies: who leads, who coordinates" + (f" ({where})" if where else ""))


@viz.command("chain")
@click.argument("agency")
@click.option("--as-of", "as_of", help="The agency as it stands on this date (YYYY-MM-DD), with the tasks "
              "of the agencies it succeeded.")
@page_option("chain.html")
@store_option
@remote_options
@click.pass_context
def viz_chain(ctx, agency, as_of, output, store_dir, endpoint, user, password, auth, timeout) -> None:
    """One agency's responsibility chain: People's Committee → plans → tasks → coordinators."""
    from plankg.graph.query.resolve import Resolver
    from plankg.graph.report.network import responsibility_chain

    backend = _backend(ctx, store_dir, endpoint, user, password, auth, timeout)
    code = Resolver(backend).agency(agency).rsplit("/", 1)[-1].rstrip(">")
    graph = responsibility_chain(backend, code, as_of)
    suffix = f" as of {as_of}" if as_of else ""
    _write_view(graph, output, f"Responsibility chain of {code}{suffix}", hierarchical=True)


@viz.command("lineage")
@click.argument("doc")
@page_option("lineage.html")
@store_option
@remote_options
@click.pass_context
def viz_lineage(ctx, doc, output, store_dir, endpoint, user, password, auth, timeout) -> None:
    """Legal-basis lineage of a document, top-down: laws → decisions → plans."""
    from plankg.graph.report.network import lineage_network

    graph = lineage_network(_backend(ctx, store_dir, endpoint, user, password, auth, timeout), doc)
    _write_view(graph, output, f"Legal lineage of {doc}", hierarchical=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--sample", "sample_k", type=int, default=500, show_default=True,
              help="Estimate betweenness from this many nodes on large networks.")
@store_option
@remote_options
@click.pass_context
def analyze(ctx, fmt, sample_k, store_dir, endpoint, user, password, auth, timeout) -> None:
    """Coordination-network analysis: centrality, most-loaded agencies, agencies bridging provinces."""
    from plankg.graph.query.sparql import Result
    from plankg.graph.report.network import agency_network
    from plankg.graph.report.network import analyze as analyze_network
    from plankg.tables import render_result

    rows = analyze_network(agency_network(_backend(ctx, store_dir, endpoint, user, password, auth, timeout)),
                           sample=sample_k)
    columns = ["agency", "name", "province", "led", "coordinated", "degree", "betweenness", "provinces_bridged"]
    sys.stdout.write(render_result(Result(columns, rows), fmt))


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("plankg-demo"),
              show_default=True, help="Folder for the three pages.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Graph store folder (default: OUT/store, apart from your own store).")
def demo(out_dir: Path, store_dir: Path | None) -> None:
    """The main job on the bundled sample plans: build, ask, draw.

    The samples go into a store of their own (./plankg-demo/store), so your default
    store ($PLANKG_STORE or ./.plankg/store) is left as it is.
    """
    store_dir = store_dir or out_dir / "store"
    from plankg.graph.ingest.plans import build as build_graph
    from plankg.graph.query.backends import LocalBackend
    from plankg.graph.query.sparql import get_query, run_query
    from plankg.graph.report.network import agency_network, lineage_network, responsibility_chain
    from plankg.tables import render_result
    from plankg.viz.render import write_page

    with open_store(store_dir, write=True) as store:
        report = build_graph(store, sample_paths())
        click.echo(f"built the {len(sample_paths())} sample plans into {_store_path(store_dir)} "
                   f"({len(store)} triples, {len(report.added)} graphs updated)\n")
        backend = LocalBackend(store)
        click.echo("Tasks led by DONRE (Sở Tài nguyên và Môi trường):")
        led = run_query(backend, "tasks-led-by", {"agency": "DONRE"})
        click.echo(render_result(led, "table", get_query("tasks-led-by").options.get("group")))
        click.echo("Legal lineage of 202/KH-UBND:")
        click.echo(render_result(run_query(backend, "legal-lineage", {"doc": "202/KH-UBND"}), "table"))
        pages = [
            write_page(agency_network(backend), out_dir / "agencies.html", "Agencies: who leads, who coordinates"),
            write_page(responsibility_chain(backend, "DONRE"), out_dir / "chain-DONRE.html",
                       "Responsibility chain of DONRE", hierarchical=True, filters=False),
            write_page(lineage_network(backend, "202/KH-UBND"), out_dir / "lineage-202-KH-UBND.html",
                       "Legal lineage of 202/KH-UBND", hierarchical=True, filters=False),
        ]
    click.echo("Pages (open in a browser; they work offline):")
    for page in pages:
        click.echo(f"  {page}")
    click.echo(f"Browse it all: plankg serve --store {store_dir}   then open http://127.0.0.1:8000/")
