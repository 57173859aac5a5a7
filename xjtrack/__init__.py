"""xjtrack: which targets Xinjiang's plans and work reports set, and which were met."""

__version__ = "0.3.0"


def code_stamp() -> str:
    """A digest of the names, sizes and times of xjtrack's own files.

    A database records the stamp of the code that built it, so that code changed in place (an
    editable install, a patched checkout) rebuilds the verdicts, as a new version does."""
    global _stamp
    if _stamp is None:
        import hashlib
        import os

        root = os.path.dirname(os.path.abspath(__file__))
        digest = hashlib.sha256()
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not name.endswith((".pyc", ".pyo")):
                    info = os.stat(os.path.join(folder, name))
                    digest.update(f"{os.path.relpath(folder, root)}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
        _stamp = digest.hexdigest()[:16]
    return _stamp


_stamp: str | None = None
