"""Reading the curated files: strict YAML, the file-format models, loading, assembling, quotes."""
