"""``Snapshot``: every row of a portal's store and who is signed in, to compare before and after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from mock_portal.store import Base
from mock_portal.views.testapi import NOT_STATE


@dataclass(frozen=True)
class Snapshot:
    """Everything a request could change: every row of the store, and who is signed in."""

    rows: dict[str, list[dict[str, Any]]]
    signed_in_as: int | None

    @classmethod
    def of(cls, client: FlaskClient) -> Snapshot:
        """Read the whole store of the client's portal and the client's signed-in person."""
        with client.application.extensions["store"]() as db:
            rows = {
                table.name: [
                    dict(row._mapping)
                    for row in db.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in Base.metadata.sorted_tables
                if table.name not in NOT_STATE
            }
        with client.session_transaction() as session:
            signed_in_as = session.get("person_id")
        return cls(rows, signed_in_as)

    def owed_fen(self) -> int:
        """Return what every loan in the store still owes, in fen."""
        return sum(
            loan["principal_fen"]
            + loan["interest_fen"]
            + loan["penalty_fen"]
            - loan["principal_repaid_fen"]
            - loan["interest_repaid_fen"]
            - loan["penalty_repaid_fen"]
            for loan in self.rows["loan"]
        )

    def count(self, table: str) -> int:
        """Return how many rows ``table`` holds."""
        return len(self.rows[table])

    def counts(self) -> dict[str, int]:
        """Return how many rows each table holds."""
        return {table: len(rows) for table, rows in self.rows.items()}

    def column(self, table: str, name: str) -> list[Any]:
        """Return one column of ``table``, in id order."""
        return [row[name] for row in self.rows[table]]
