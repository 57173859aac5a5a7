"""The atomic-file helpers now live on the ground floor, in xjtrack.files; this name still works."""

from xjtrack.files import check_destination, make_folder, replacing, write_bytes, write_text  # noqa: F401
