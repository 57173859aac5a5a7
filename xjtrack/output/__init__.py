"""Text and pictures for people: tables, the terminal, the report, charts, languages."""
