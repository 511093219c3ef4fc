"""The portal's store: SQLAlchemy 2 models over SQLite (WAL) or any URL in ``DATABASE_URL``.

``get_db()`` gives the request's session; ``init_app(app)`` wires the engine into the factory.
Every state change runs inside one transaction (``transaction()``), and every one about a person
first takes that person's row lock (``lock_person``): how each rule stays atomic on both
databases is on docs/rules.md#simultaneous-requests.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum

from flask import Flask, current_app, g
from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    sessionmaker,
)
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.schema import CreateColumn

from .domain.rules import AccountStatus, ApplicationStatus
from .domain.text import N_

# A credit account's status on the 征信报告 (shown translated, kept in Chinese).
CREDIT_ACTIVE = N_("正常")
CREDIT_CLOSED = N_("已注销")


class Base(DeclarativeBase):
    pass


def _status_type(statuses: type[StrEnum]) -> SqlEnum:
    """Store a status enum as its value in a VARCHAR(20): the column the plain strings had."""
    return SqlEnum(
        statuses,
        native_enum=False,  # no database ENUM type, and (create_constraint=False) no CHECK
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


class Person(Base):
    """A WeChat user, with the scenario fields that decide how the portal treats them."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(20))
    id_number: Mapped[str] = mapped_column(String(18))
    bank_card: Mapped[str] = mapped_column(String(19))
    payment_password: Mapped[str] = mapped_column(String(6))
    scenario: Mapped[str] = mapped_column(String(40), default="invited")
    variant: Mapped[str] = mapped_column(String(1), default="A")
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    eligible_after_pause: Mapped[bool] = mapped_column(Boolean, default=True)
    face_check_fails: Mapped[bool] = mapped_column(Boolean, default=False)
    review_outcome: Mapped[str] = mapped_column(String(10), default="approve")
    review_reject_reason: Mapped[str] = mapped_column(String(200), default="")
    review_working_days: Mapped[int] = mapped_column(Integer, default=2)
    pw_failures: Mapped[int] = mapped_column(Integer, default=0)
    pw_locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    face_failures: Mapped[int] = mapped_column(Integer, default=0)
    face_retry_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The 语言 setting: "" follows the phone (?lang=, then Accept-Language), else zh-CN or en.
    language: Mapped[str] = mapped_column(String(10), default="", server_default="")

    accounts: Mapped[list[Account]] = relationship(
        back_populates="person", order_by="Account.id", cascade="all, delete-orphan"
    )

    @property
    def account(self) -> Account | None:
        """Return the person's newest Weilidai account, if they were ever invited."""
        return self.accounts[-1] if self.accounts else None

    @property
    def masked_phone(self) -> str:
        """Return the phone number as SMS screens show it (138****5678)."""
        return f"{self.phone[:3]}****{self.phone[-4:]}"


class Account(Base):
    """One Weilidai credit line; a re-invited person gets a new one, never the old one back."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    status: Mapped[AccountStatus] = mapped_column(
        _status_type(AccountStatus), default=AccountStatus.ACTIVE
    )
    credit_limit_fen: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    paused_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    person: Mapped[Person] = relationship(back_populates="accounts")
    loans: Mapped[list[Loan]] = relationship(
        back_populates="account", order_by="Loan.id", cascade="all, delete-orphan"
    )
    applications: Mapped[list[Application]] = relationship(
        back_populates="account", order_by="Application.id"
    )


class Loan(Base):
    """One drawdown: principal, accrued interest and penalty, and what was repaid, in fen."""

    __tablename__ = "loan"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    principal_fen: Mapped[int] = mapped_column(Integer)
    interest_fen: Mapped[int] = mapped_column(Integer, default=0)
    penalty_fen: Mapped[int] = mapped_column(Integer, default=0)
    principal_repaid_fen: Mapped[int] = mapped_column(Integer, default=0)
    interest_repaid_fen: Mapped[int] = mapped_column(Integer, default=0)
    penalty_repaid_fen: Mapped[int] = mapped_column(Integer, default=0)
    daily_rate_ppm: Mapped[int] = mapped_column(Integer)
    borrowed_at: Mapped[datetime] = mapped_column(DateTime)
    due_on: Mapped[date] = mapped_column(Date)
    accrued_through: Mapped[date] = mapped_column(Date)

    account: Mapped[Account] = relationship(back_populates="loans")

    @property
    def repaid_fen(self) -> int:
        """Return everything repaid on this loan."""
        return self.principal_repaid_fen + self.interest_repaid_fen + self.penalty_repaid_fen


class ClosureFlow(Base):
    """One run through the closure steps; its token makes a double submission harmless."""

    __tablename__ = "closure_flow"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    token: Mapped[str] = mapped_column(String(32), unique=True)
    step: Mapped[str] = mapped_column(String(20), default="password")
    sms_failures: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime)


class SmsCode(Base):
    """An SMS code sent to a person, bound to one closure flow."""

    __tablename__ = "sms_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    flow_id: Mapped[int] = mapped_column(ForeignKey("closure_flow.id"))
    code: Mapped[str] = mapped_column(String(6))
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)


class Application(Base):
    """A submitted closure application and, once decided, the closure record."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("flow_id"),
        # At most one application under review per account, whatever races the database sees.
        Index(
            "one_pending_application_per_account",
            "account_id",
            unique=True,
            sqlite_where=text(f"status = '{ApplicationStatus.PENDING}'"),
            postgresql_where=text(f"status = '{ApplicationStatus.PENDING}'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    flow_id: Mapped[int] = mapped_column(ForeignKey("closure_flow.id"))
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[ApplicationStatus] = mapped_column(
        _status_type(ApplicationStatus), default=ApplicationStatus.PENDING
    )
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    decide_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    # The reason as a message (domain.text.dumps), shown in the reader's language.
    reason_msg: Mapped[str] = mapped_column(Text, default="", server_default="")

    account: Mapped[Account] = relationship(back_populates="applications")


class Notification(Base):
    """A 服务通知 message in the 微信 tab."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    # Title and body as messages (domain.text.dumps), shown in the reader's language; empty in
    # a row from before the portal spoke English, whose Chinese title and body are shown.
    title_msg: Mapped[str] = mapped_column(Text, default="", server_default="")
    body_msg: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CreditRecord(Base):
    """A line of the person's credit report; it outlives a closed account's purged loans."""

    __tablename__ = "credit_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    account_id: Mapped[int] = mapped_column(Integer)
    institution: Mapped[str] = mapped_column(
        String(60), default=str(N_("深圳前海微众银行股份有限公司"))
    )
    product: Mapped[str] = mapped_column(String(30), default=str(N_("微粒贷")))
    opened_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=str(CREDIT_ACTIVE))
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    overdue_months: Mapped[str] = mapped_column(String(400), default="")


class ChatMessage(Base):
    """One line of the 客服 chat."""

    __tablename__ = "chat_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    sender: Mapped[str] = mapped_column(String(10))  # user, bot or agent
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Fault(Base):
    """A fault injected through the test API for the next ``remaining`` matching requests."""

    __tablename__ = "fault"

    id: Mapped[int] = mapped_column(primary_key=True)
    route: Mapped[str] = mapped_column(String(200))  # an endpoint name or a path prefix
    method: Mapped[str | None] = mapped_column(String(10), nullable=True)
    delay_ms: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    drop: Mapped[bool] = mapped_column(Boolean, default=False)
    when: Mapped[str] = mapped_column(String(10), default="before")  # before or after the view
    remaining: Mapped[int] = mapped_column(Integer, default=1)


class RequestRecord(Base):
    """One request the portal answered, for tests that assert what reached it (test mode)."""

    __tablename__ = "request_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))  # faults.PATH_LENGTH
    endpoint: Mapped[str | None] = mapped_column(String(100), nullable=True)
    status: Mapped[int] = mapped_column(Integer)
    duration_us: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fault_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ClockState(Base):
    """The portal clock: frozen at a moment, or real time plus an offset."""

    __tablename__ = "clock"

    id: Mapped[int] = mapped_column(primary_key=True)
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    offset_seconds: Mapped[int] = mapped_column(Integer, default=0)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # Listens only on engines for sqlite URLs, whose DBAPI connection is pysqlite's.
    # Let SQLAlchemy, not pysqlite, say when transactions begin (see _begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL still never corrupts the file; a power cut may only lose the last
    # commits. A mock portal trades that for not syncing to disk on every commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


READ_ONLY = "mock_portal_read_only"


def _begin_immediate(connection: Connection) -> None:
    # A deferred SQLite transaction that reads, then writes after another writer committed,
    # fails at once with "database is locked" (busy_timeout cannot help). Taking the write lock
    # up front serialises check-then-write sequences such as "no application yet → create one".
    # Only a connection from read_only(), which never writes, begins without it.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """Create the engine for ``url``; SQLite gets WAL mode, a busy timeout, immediate locks."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
    else:
        # A request holds one connection, and briefly a second (read_only); twenty simultaneous
        # requests on one process must never all wait for a connection another of them holds.
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=40)
    return engine


def lock_person(db: Session, person_id: int) -> Person | None:
    """Take the person's row lock until the transaction ends; return them, read afresh.

    Every read-decide-write about one person (their counters, SMS codes, loans, closure flows
    and application) runs after this lock, so simultaneous requests about one person take turns
    on PostgreSQL, as every writer does on SQLite (``BEGIN IMMEDIATE``), and each reads what the
    one before it wrote. ``FOR NO KEY UPDATE``: rows that only point at the person (a new SMS
    code, a notification) can still be added by the holder without waiting on itself.
    """
    db.flush()
    # Objects read earlier in this session (before the lock) may be stale: read them again.
    db.expire_all()
    return db.scalars(
        select(Person)
        .where(Person.id == person_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).first()


def get_db() -> Session:
    """Return this request's database session, opening it on first use."""
    if "db" not in g:
        make_session: sessionmaker[Session] = current_app.extensions["store"]
        g.db = make_session()
    db: Session = g.db
    return db


def close_db(_exc: BaseException | None = None) -> None:
    """Close the request's session, if one was opened."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def reset(engine: Engine) -> None:
    """Drop and recreate every table: an empty store."""
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)


def add_missing_columns(engine: Engine) -> list[str]:
    """Add the columns a store made by an older portal lacks; return them as ``table.column``.

    ``create_all`` makes missing tables but never alters one, so a column added since (each has
    a server default) is added here, and a store from before it keeps working without a reset.
    """
    added = []
    names = {table.name for table in Base.metadata.sorted_tables}
    # One reflection query for every table (PostgreSQL answered twelve at ~4 ms each).
    reflected = inspect(engine).get_multi_columns()
    present = {
        table: {column["name"] for column in columns}
        for (_schema, table), columns in reflected.items()
        if table in names
    }
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        for column in table.columns:
            if column.name in present[table.name]:
                continue
            definition = CreateColumn(column).compile(dialect=engine.dialect)
            try:
                with engine.begin() as connection:
                    connection.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {definition}"))
            except DBAPIError:
                # Another worker starting at the same moment may have added it first.
                if column.name not in {c["name"] for c in inspect(engine).get_columns(table.name)}:
                    raise
            else:
                added.append(f"{table.name}.{column.name}")
    return added


def init_app(app: Flask) -> None:
    """Create the engine and tables for ``app`` and close sessions after each request."""
    engine = make_engine(app.config["DATABASE_URL"])
    existed = bool(inspect(engine).get_table_names())
    Base.metadata.create_all(engine)
    if existed:  # a store of an earlier run; a new one has every column
        add_missing_columns(engine)
    app.extensions["store_engine"] = engine
    app.extensions["store"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(close_db)


@contextmanager
def read_only() -> Iterator[Connection]:
    """Yield a connection of its own for a short read that must not wait for the write lock."""
    engine: Engine = current_app.extensions["store_engine"]
    with engine.connect() as connection:
        connection.execution_options(**{READ_ONLY: True})
        yield connection


@contextmanager
def transaction() -> Iterator[Session]:
    """Run a block as one transaction on the request's session: commit, or roll back on error."""
    db = get_db()
    try:
        yield db
        db.commit()
    except BaseException:
        db.rollback()
        raise
