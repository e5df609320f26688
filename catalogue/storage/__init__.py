"""Storage: the DuckDB file, its frozen migrations, the reference-data sync and backups."""
