"""The throwaway PostgreSQL server's databases: lent empty, emptied when given back.

The portal's tests on ``--database postgres`` borrow a database each and give it back after the
test (e2e/harness/fixtures.py's ``database_url``); these check what that hand-over promises.
"""

from __future__ import annotations

import psycopg
import pytest

from e2e.harness.postgres import ThrowawayPostgres
from mock_portal import create_app
from tests.support.portal import portal_config


def dsn(url: str) -> str:
    """Return psycopg's form of a SQLAlchemy URL of the server."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def test_a_database_given_back_is_lent_again_empty_with_ids_from_one(
    postgres_server: ThrowawayPostgres,
) -> None:
    url = postgres_server.borrow()
    app = create_app(portal_config(url))
    with app.test_client() as client:
        assert client.post("/__test__/users", json={"scenario": "invited"}).status_code == 201
        assert client.post("/__test__/users", json={"scenario": "invited"}).status_code == 201
    app.extensions["store_engine"].dispose()
    postgres_server.give_back([url])

    again = postgres_server.borrow()
    assert again == url
    app = create_app(portal_config(again))
    with app.test_client() as client:
        made = client.post("/__test__/users", json={"scenario": "invited"})
        assert made.status_code == 201, made.get_data(as_text=True)
        assert made.get_json()["id"] == 1
    app.extensions["store_engine"].dispose()
    with psycopg.connect(dsn(again)) as lent:
        assert lent.execute("SELECT count(*) FROM person").fetchone() == (1,)
    postgres_server.give_back([again])


def test_a_connection_left_open_does_not_stop_the_emptying(
    postgres_server: ThrowawayPostgres,
) -> None:
    url = postgres_server.borrow()
    create_app(portal_config(url))  # its engine is never disposed, as by a test that forgot
    idle = psycopg.connect(dsn(url))  # and a transaction left open, holding a lock
    idle.execute("SELECT count(*) FROM person")
    postgres_server.give_back([url])
    with pytest.raises(psycopg.OperationalError):
        idle.execute("SELECT 1")  # ended by give_back, not waited for
    idle.close()
    with psycopg.connect(dsn(postgres_server.borrow())) as lent:
        assert lent.execute("SELECT count(*) FROM person").fetchone() == (0,)


def test_a_database_that_cannot_be_emptied_is_dropped_not_lent(
    postgres_server: ThrowawayPostgres,
) -> None:
    url = postgres_server.borrow()
    with psycopg.connect(dsn(url), autocommit=True) as owner:
        owner.execute("CREATE TABLE kept (id int)")
        owner.execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'no'; END $$"
        )
        owner.execute(
            "CREATE TRIGGER refuse BEFORE TRUNCATE ON kept "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse()"
        )
    postgres_server.give_back([url])
    assert postgres_server.borrow() != url
    with pytest.raises(psycopg.OperationalError, match="does not exist"):
        psycopg.connect(dsn(url)).close()
