"""The question bank: SQLAlchemy models, the SQLite engine, migrations and backups."""
