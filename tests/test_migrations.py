"""The Alembic migrations create exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from directory.db import open_db
from directory.models import Base


def test_models_match_migrations(db_url):
    engine = open_db(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_is_idempotent(db_url):
    open_db(db_url).dispose()
    open_db(db_url).dispose()
