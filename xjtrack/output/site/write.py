"""Writing the site's folder whole, and serving it on 127.0.0.1 for a preview.

The pages are written into a temporary folder beside the destination, which then takes the
destination's place: an interrupted run leaves the previous site as it was. A folder that holds
something other than a site xjtrack wrote (it has no .xjtrack-site file) is never replaced.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from xjtrack.errors import XjtrackError

MARKER = ".xjtrack-site"


def check_folder(out: Path) -> None:
    """Raise unless out is missing, empty, or a site xjtrack wrote, in an existing folder."""
    if out.is_symlink():
        raise XjtrackError(f"refusing to write the site at {out}: it is a symbolic link")
    if out.exists() and not out.is_dir():
        raise XjtrackError(f"cannot write the site at {out}: it is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise XjtrackError(f"refusing to replace {out}: it holds files that xjtrack's site did not write "
                           "(give a new or empty folder)")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise XjtrackError(f"cannot write the site at {out}: the folder {parent} does not exist")


def _checked(path: str) -> str:
    """path, when it names a file inside the site (relative, no empty, "." or ".." part)."""
    if path.startswith("/") or "\\" in path or any(part in ("", ".", "..") for part in path.split("/")):
        raise XjtrackError(f"refusing to write {path!r}: not a path inside the site")
    return path


def _write_pages(pages: Iterable[tuple[str, str]], folder: Path) -> int:
    """Write each (path, text) under folder: one open and one write a file, each folder made once."""
    count, base, made = 0, str(folder), {""}
    for path, text in pages:
        parent = _checked(path).rpartition("/")[0]
        if parent not in made:  # another process may be writing into the same folders
            if parent.rpartition("/")[0] in made:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(f"{base}/{parent}")
            else:
                os.makedirs(f"{base}/{parent}", exist_ok=True)
            while parent not in made:
                made.add(parent)
                parent = parent.rpartition("/")[0]
        with open(f"{base}/{path}", "wb") as file:
            file.write(text.encode("utf-8"))
        count += 1
    return count


def _side_by_side(parts: list[Iterable[tuple[str, str]]], folder: Path) -> int:
    """Write the parts, the later ones in forked processes where the machine has cores to spare
    (each part's pages are computed in the process that writes them); the number of files."""
    if len(parts) < 2 or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return sum(_write_pages(part, folder) for part in parts)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.SimpleQueue()
    workers = [context.Process(target=_worker, args=(part, folder, results), daemon=True) for part in parts[1:]]
    for worker in workers:
        worker.start()
    count = _write_pages(parts[0], folder)
    for worker in workers:
        worker.join()
    answers = [results.get() for _ in workers if not results.empty()]
    failed = [a for a in answers if isinstance(a, str)]
    if failed or len(answers) != len(workers):
        raise XjtrackError("writing the site failed: " + ("; ".join(failed) or "a worker process died"))
    return count + sum(answers)


def _worker(part, folder: Path, results) -> None:
    try:
        results.put(_write_pages(part, folder))
    except BaseException as exc:  # handed to the parent, which raises it where errors are reported
        results.put(f"{type(exc).__name__}: {exc}")


def write_site(parts: list[Iterable[tuple[str, str]]], out: Path) -> int:
    """Write every (path, text) of each part and the static files into out, replacing it whole;
    the number of files written."""
    check_folder(out)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        temp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.tmp-"))
    except OSError as exc:
        raise XjtrackError(f"cannot write the site at {out}: {exc.strerror}") from None
    try:
        count = _side_by_side(parts, temp)
        static = resources.files("xjtrack.output.site") / "static"
        (temp / "static").mkdir(exist_ok=True)
        for item in sorted(static.iterdir(), key=lambda i: i.name):
            if item.is_file() and not item.name.startswith("."):
                (temp / "static" / item.name).write_bytes(item.read_bytes())
                count += 1
        (temp / MARKER).write_text("A site written by xjtrack site; the folder is replaced whole.\n",
                                   encoding="utf-8")
        (temp / ".nojekyll").write_text("", encoding="utf-8")
        os.chmod(temp, 0o777 & ~_umask())
        _swap(temp, out)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise XjtrackError(f"cannot write the site at {out}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return count


def _swap(temp: Path, out: Path) -> None:
    if not out.exists():
        os.rename(temp, out)
        return
    old = Path(tempfile.mkdtemp(dir=temp.parent, prefix=f".{out.name}.old-"))
    os.rename(out, old / "site")
    os.rename(temp, out)
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def preview_server(folder: Path, port: int):
    """An HTTP server for folder, bound to 127.0.0.1 only (a preview, not a web server). As
    static hosts do, it answers an address the site lacks with the site's 404.html."""
    import functools
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the standard library's name
            return

        def send_error(self, code, message=None, explain=None):
            page = Path(folder) / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    try:
        return HTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(folder)))
    except OSError as exc:
        raise XjtrackError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}") from None


def serve(folder: Path, port: int, announce=print) -> None:
    """Serve folder on 127.0.0.1 until interrupted."""
    with preview_server(folder, port) as server:
        announce(f"Serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
