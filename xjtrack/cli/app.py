"""The typer app and the one boundary that turns errors into messages and exit codes."""

from __future__ import annotations

import functools
import sqlite3
from typing import Annotated, Optional

import typer

from xjtrack import __version__
from xjtrack.errors import DataError, UsageError, XjtrackError
from xjtrack.output.terminal import reader_left, say

app = typer.Typer(
    help="Track the targets in Xinjiang's Five-Year Plans and work reports: met, partial or missed, "
    "with the quotes that prove it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"xjtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[Optional[bool], typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = None) -> None:
    """Track the targets in Xinjiang's Five-Year Plans and work reports."""


def _undecodable(kwargs: dict) -> str | None:
    """The option whose text the shell passed in bytes that are not UTF-8 (Python keeps them as
    lone surrogates, which no database, file or terminal write accepts), or None."""
    for key, value in kwargs.items():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, str) and any("\udc80" <= ch <= "\udcff" for ch in item):
                return key
    return None


def command(name: str | None = None):
    """Register a command behind the boundary that turns errors into messages and exit codes."""

    def register(fn):
        @functools.wraps(fn)
        def guarded(*args, **kwargs):
            from xjtrack.store.read import OPENED

            OPENED.clear()
            try:
                bad = _undecodable(kwargs)
                if bad is not None:
                    raise UsageError(f"{bad.replace('_', '-')}: the text given is not UTF-8; give it in UTF-8 "
                                     "(check the terminal's encoding)")
                return fn(*args, **kwargs)
            except DataError as exc:
                for problem in exc.problems:
                    say(str(problem))
                say(f"Error: {exc}. Fix them and run again (xjtrack validate lists them all).")
                raise typer.Exit(1) from None
            except UsageError as exc:
                say(f"Error: {exc}")
                raise typer.Exit(2) from None
            except XjtrackError as exc:
                say(f"Error: {exc}")
                raise typer.Exit(1) from None
            except sqlite3.DatabaseError as exc:  # a damaged or foreign file met after the checks
                say(f"Error: the database cannot be read ({exc}); rebuild it with xjtrack build")
                raise typer.Exit(1) from None
            except (typer.Exit, typer.Abort, KeyboardInterrupt):
                raise
            except BrokenPipeError:
                reader_left()
            except Exception as exc:  # anything else is a bug in xjtrack: say so, briefly
                from xjtrack.store.read import damaged

                broken = damaged()
                if broken is not None:
                    say(f"Error: the database {broken} is damaged; rebuild it with xjtrack build")
                    raise typer.Exit(1) from None
                say(f"Internal error (a bug in xjtrack, please report it): {type(exc).__name__}: {exc}")
                raise typer.Exit(3) from None

        return app.command(name)(guarded)

    return register


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        reader_left()
