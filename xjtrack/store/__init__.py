"""The SQLite file: where it lives, building it, freshness, read-back, search and export."""
