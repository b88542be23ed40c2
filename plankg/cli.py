"""The ``plankg`` command: a thin layer over the library.

Each command parses options, calls one library function and formats the result.
Library errors (:class:`plankg.errors.KgError`) become one-line messages in one place,
:class:`PlankgGroup`. Exit codes: 0 ok, 1 error (or some inputs failed), 2 usage,
3 data that does not conform to the shapes (``validate``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from plankg.errors import KgError
from plankg.samples import sample_paths
from plankg.writer import atomic_write


class PlankgGroup(click.Group):
    """A click group that reports library errors as ``Error: ...`` and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as err:
            raise click.ClickException(str(err)) from None


@click.group(cls=PlankgGroup)
@click.version_option(package_name="plankg")
def main() -> None:
    """Turn Vietnamese public plans into a knowledge graph of plans, legal bases,
    tasks and agencies."""


def _inputs(paths: tuple[Path, ...], sample: bool) -> list[Path]:
    if sample or not paths:
        return sample_paths()
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*.txt")) if path.is_dir() else [path])
    return files


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--sample", is_flag=True, help="Use the bundled sample plans (the default without PATHS).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the records here (JSON list) instead of standard output.")
def extract(paths: tuple[Path, ...], sample: bool, output: Path | None) -> None:
    """Extract plan records (metadata, legal bases, tasks, agencies) as JSON.

    PATHS are plan text files or folders of them. Bad files are reported and skipped;
    the exit code is 1 if any failed.

    Example: plankg extract plan1.txt plan2.txt -o records.json
    """
    from plankg.loaders import extract_file
    from plankg.loaders.serialize import record_to_dict

    records, failures = [], []
    for path in _inputs(paths, sample):
        try:
            records.append(record_to_dict(extract_file(path)))
        except KgError as err:
            failures.append(getattr(err, "source", str(path)))
            click.echo(f"Error: {err}", err=True)
    text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if output:
        atomic_write(output, text)
    else:
        sys.stdout.write(text)
    summary = f"extracted {len(records)} of {len(records) + len(failures)} documents"
    if failures:
        click.echo(f"{summary}; failed: " + ", ".join(failures), err=True)
        raise SystemExit(1)
    click.echo(summary, err=True)
