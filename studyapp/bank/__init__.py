"""The question bank: SQLAlchemy models, an SQLite file or a PostgreSQL server, migrations, backups."""
