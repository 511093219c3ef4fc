"""One person walked through the portal by the model (e2e.model): in a browser or without one.

``ModelJourney`` keeps the person's model state and what the guards need to know (the clock,
the credit line, when the newest loan was taken, the password's lock, the live SMS code), asks
the model which transition each step must make, has its ``Hands`` take the step, and checks
that the portal made it: the state the test API reports, the invariants, and for a refused step
that the store did not change. It reads and moves the portal through the one client of the
test-control API (``e2e.harness.api.PortalApi``, over Flask's test client or HTTP): seeding,
the clock, re-invitation, the SMS, the store.

The hands are who takes the person's steps: ``FormHands`` posts the portal's forms through a
Flask test client (hundreds of journeys a minute: tests/model/); ``e2e.model.browser``'s hands
tap through the page objects in Chromium (``make model``). How to read and extend: docs/model.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mock_portal.domain.workdays import add_working_days
from weilidai_fixtures import SCENARIOS

from ..harness.api import PortalApi, TestApiError
from .graph import (
    MODEL,
    NEW_ACCOUNT_CREDIT_LINE_FEN,
    PASSWORD_LOCK_HOURS,
    PASSWORD_TRIES,
    PAUSE_DAYS,
    RECENT_LOAN_DAYS,
    SMALLEST_LOAN_FEN,
    Action,
    Outcome,
    Predicate,
    Seed,
    State,
    Transition,
)

SMS_GAP = timedelta(seconds=60)  # "resend once a minute and 5 times an hour"
SMS_PER_HOUR = 5
SMS_WRONG_TRIES = 5  # "5 wrong tries void it"
REVIEW_WORKING_DAYS = 2  # the scenarios' default review_working_days

# What a refused step may still change: the identity checks' attempt counters (a right payment
# password on 还款 resets the error count even when there is nothing to repay).
COUNTERS = {
    "person": {"pw_failures", "pw_locked_until", "face_failures", "face_retry_at"},
    "sms_code": {"used", "voided"},
    "closure_flow": {"sms_failures"},
}


class Hands(Protocol):
    """Who takes the person's steps in the portal: forms posted, or a browser tapping."""

    def sign_in(self, person_id: int) -> None:
        """Start the person's session."""

    def let_time_pass(self, delta: timedelta) -> None:
        """Move the portal's clock (and the person's screen's, if it has one) by ``delta``."""

    def perform(self, journey: ModelJourney, transition: Transition, argument: Any) -> str | None:
        """Take ``transition``'s step as the person; return the closure's token if it starts one.

        Check what the person sees: where a step that is done lands, and that a refused one
        lands nowhere new. ``journey`` gives the person, the closure and the SMS code.
        """


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass
class Remembered:
    """What the guards ask about that no state name says."""

    now: datetime
    credit_line_fen: int
    principal_owed_fen: int = 0
    newest_loan_at: datetime | None = None
    paused_until: datetime | None = None
    decide_at: datetime | None = None
    pw_failures: int = 0
    pw_locked_until: datetime | None = None
    sms_sent: list[datetime] = field(default_factory=list)
    flow: str | None = None  # the closure flow's token
    code_live: bool = False  # the flow has an SMS code that is neither used nor voided
    code_wrong: int = 0


class ModelJourney:
    """A person in the portal, moved one model transition at a time by ``hands``."""

    def __init__(
        self,
        api: PortalApi,
        hands: Hands,
        seed: Seed,
        facts: dict[Predicate, bool],
        variant: str = "A",
    ) -> None:
        self.api = api
        self.hands = hands
        self.seed = seed
        self.facts = {**facts, **seed.facts()}
        self.state = seed.state
        self.taken: list[Transition] = []
        self.steps: list[tuple[Action, Any]] = []  # what was asked, the step in hand included
        self.closed_accounts: set[int] = set()
        api.reset()
        overrides = {
            "risk_flag": self.facts[Predicate.RISK_FLAG],
            "eligible_after_pause": self.facts[Predicate.ELIGIBLE_AFTER_PAUSE],
            "face_check_fails": self.facts[Predicate.FACE_CHECK_FAILS],
            "review_outcome": "reject" if self.facts[Predicate.REVIEW_REJECTS] else "approve",
        }
        created = api.create_user(seed.scenario, variant=variant, **overrides)
        self.id: int = created["id"]
        self.password: str = created["payment_password"]
        hands.sign_in(self.id)
        flow = None
        if seed.closure_step:
            flow = api.closure_at(self.id, seed.closure_step)["token"]
        now = datetime.fromisoformat(api.now())
        spec = SCENARIOS[seed.scenario]
        unpaid = [
            now - timedelta(days=loan.borrowed_days_ago)
            for loan in spec.loans
            if loan.principal_fen > loan.principal_repaid_fen
        ]
        seen = self.observe()
        application = seen["application"] or {}
        self.memory = Remembered(
            now=now,
            credit_line_fen=spec.credit_limit_fen,
            principal_owed_fen=seen["outstanding"]["principal_fen"],
            newest_loan_at=max(unpaid, default=None),
            paused_until=_moment(seen["paused_until"]),
            decide_at=_moment(application.get("decide_at"))
            if application.get("status") == "pending"
            else None,
            flow=flow,
        )
        self.applications = seen["applications"]

    # ------------------------------------------------------------ what the guards see

    def known(self, action: Action, argument: Any = None) -> dict[Predicate, bool]:
        """Return the predicates that can be told now (with the step's input, if given)."""
        memory = self.memory
        truth = dict(self.facts)
        locked = memory.pw_locked_until is not None and memory.now < memory.pw_locked_until
        truth[Predicate.PASSWORD_LOCKED] = locked
        truth[Predicate.SMS_CODE_AVAILABLE] = memory.code_live or self._may_send_sms()
        if action is Action.BORROW and argument is not None:
            available = memory.credit_line_fen - memory.principal_owed_fen
            truth[Predicate.WITHIN_CREDIT_LINE] = SMALLEST_LOAN_FEN <= argument <= available
        if action is Action.CLOCK and argument is not None:
            at = memory.now + argument
            loan = memory.newest_loan_at
            truth[Predicate.LOAN_30_DAYS_OLD] = loan is not None and at - loan >= timedelta(
                days=RECENT_LOAN_DAYS
            )
            truth[Predicate.PAUSE_OVER] = (
                memory.paused_until is not None and at >= memory.paused_until
            )
            truth[Predicate.REVIEW_DUE] = memory.decide_at is not None and at >= memory.decide_at
        return truth

    def can(self, action: Action) -> bool:
        """Say whether the model has something for ``action`` in the person's state now."""
        return MODEL.possible(self.state, action, self.known(action))

    def _may_send_sms(self) -> bool:
        sent, now = self.memory.sms_sent, self.memory.now
        if sent and now - max(sent) < SMS_GAP:
            return False
        return sum(1 for at in sent if at > now - timedelta(hours=1)) < SMS_PER_HOUR

    # ------------------------------------------------------------ taking a step

    def take(self, action: Action, argument: Any = None) -> Transition:
        """Take ``action``, check the portal made the model's transition, and return it."""
        self.steps.append((action, argument))
        truth = self.known(action, argument)
        transition = MODEL.next(self.state, action, truth)
        assert transition is not None, f"the model has no {action} in {self.state} for {truth}"
        before = self.store() if transition.outcome is Outcome.REFUSED else None
        self.taking = transition
        self._perform(transition, argument)
        self.state = transition.target
        self.taken.append(transition)
        seen = self.observe()
        if before is not None:
            assert _without_counters(self.store()) == _without_counters(before), (
                f"{transition.key} is refused, yet the store changed"
            )
        self._check_applications(transition, seen)
        return transition

    def observe(self) -> dict[str, Any]:
        """Return the person's state as the test API reports it (and remember it)."""
        self._store_facts: dict[str, Any] | None = None  # read again when an invariant asks
        seen: dict[str, Any] = dict(self.api.state(self.id))
        self.seen = seen
        return seen

    def store(self) -> dict[str, list[dict[str, Any]]]:
        """Return every row of the store a request could change (``GET /__test__/store``)."""
        return self.api.store()

    def _check_applications(self, transition: Transition, seen: dict[str, Any]) -> None:
        """An application appears only when the face check passes, one at a time."""
        count = seen["applications"]
        if transition.action is Action.INVITE and transition.outcome is Outcome.DONE:
            assert count == 0, "a new account starts with no application"
        elif transition.source is State.AT_FACE and transition.target is State.CLOSURE_PENDING:
            assert count == self.applications + 1, "passing the face check submits one application"
            assert seen["outstanding_fen"] == 0, "an application was submitted while money is owed"
        else:
            assert count == self.applications, f"{transition.key} changed the applications"
        self.applications = count

    def _perform(self, transition: Transition, argument: Any) -> None:
        """Take the step (the test API for what no screen does), then remember what it did."""
        memory, action, done = self.memory, transition.action, transition.outcome is Outcome.DONE
        code_was_live, flow = memory.code_live, None
        if action is Action.INVITE:
            try:
                self.api.reinvite(self.id)
            except TestApiError as refused:
                assert not done and refused.status == 409, refused
            else:
                assert done, "the test API re-invited a person whose account still exists"
        elif action is Action.CLOCK:
            self.hands.let_time_pass(argument)
        else:
            flow = self.hands.perform(self, transition, argument)
        self._remember(transition, argument, code_was_live, flow)

    def _remember(
        self, transition: Transition, argument: Any, code_was_live: bool, flow: str | None
    ) -> None:
        """Update what the guards know after ``transition`` was taken."""
        memory, action, done = self.memory, transition.action, transition.outcome is Outcome.DONE
        if action is Action.INVITE and done:
            memory.credit_line_fen = NEW_ACCOUNT_CREDIT_LINE_FEN
            memory.principal_owed_fen, memory.newest_loan_at = 0, None
        elif action is Action.BORROW and done:
            memory.principal_owed_fen += argument
            memory.newest_loan_at = memory.now
        elif action is Action.REPAY:
            if transition.source is not State.CLOSED:  # a closed account asks for no password
                self._password_tried(right=True)
            if done:
                memory.principal_owed_fen, memory.newest_loan_at = 0, None
        elif action is Action.WRONG_PASSWORD:
            self._password_tried(right=False)
        elif action is Action.PAUSE and done:
            memory.paused_until = memory.now + timedelta(days=PAUSE_DAYS)
        elif action is Action.START_CLOSURE and done:
            assert flow is not None, f"{transition.key}: no closure was started"
            memory.flow = flow
            memory.code_live, memory.code_wrong = False, 0
        elif action is Action.RIGHT_PASSWORD:
            self._password_tried(right=True)
        elif action is Action.WRONG_SMS_CODE and code_was_live:
            memory.code_wrong += 1
            memory.code_live = memory.code_wrong < SMS_WRONG_TRIES
        elif action is Action.RIGHT_SMS_CODE:
            if not code_was_live:
                memory.sms_sent.append(memory.now)
            memory.code_live, memory.code_wrong = False, 0
        elif action is Action.FACE_CHECK and done:
            memory.flow = None
            memory.decide_at = add_working_days(memory.now, REVIEW_WORKING_DAYS)
        elif action is Action.LEAVE_CLOSURE:
            memory.flow = None
        elif action is Action.CLOCK:
            memory.now += argument
            if transition.target is not transition.source:
                if transition.source is State.PAUSED:
                    memory.paused_until = None
                if transition.source is State.CLOSURE_PENDING:
                    memory.decide_at = None

    # ------------------------------------------------------------ what the hands need

    def flow_url(self) -> str:
        """Return the path of the closure under way."""
        assert self.memory.flow is not None, "no closure under way"
        return f"/weilidai/closure/{self.memory.flow}"

    def sms_code(self) -> str:
        """Return the last SMS code sent to the person."""
        return self.api.last_sms(self.id)

    def wrong_sms_code(self) -> str:
        """Return a code that is not the live one (any code, when none is live)."""
        code = self.sms_code() if self.memory.code_live else "000000"
        return f"{(int(code) + 1) % 1_000_000:06d}"

    def wrong_password(self) -> str:
        """Return a payment password that is not the person's."""
        return "000000" if self.password != "000000" else "111111"

    def describe_step(self) -> str:
        """Name the step being taken, for a failure message."""
        return f"{self.taking.key} ({self.taking.outcome} → {self.taking.target})"

    def _password_tried(self, right: bool) -> None:
        """Count a payment-password entry as the rule does: 3 wrong lock it for 3 hours."""
        memory = self.memory
        if memory.pw_locked_until is not None:
            if memory.now < memory.pw_locked_until:
                return
            memory.pw_failures, memory.pw_locked_until = 0, None
        if right:
            memory.pw_failures = 0
            return
        memory.pw_failures += 1
        if memory.pw_failures >= PASSWORD_TRIES:
            memory.pw_locked_until = memory.now + timedelta(hours=PASSWORD_LOCK_HOURS)

    # ------------------------------------------------------------ the oracle and the invariants

    def check_invariants(self) -> None:
        """Check the oracle of the person's state and every invariant (docs/model.md)."""
        self.reports_the_model_state()
        self.the_entry_never_hides_from_someone_who_owes()
        self.no_application_is_pending_while_money_is_owed()
        self.at_most_one_pending_application()
        self.money_owed_is_never_negative()
        self.a_closed_account_never_borrows_repays_or_comes_back()

    def reports_the_model_state(self) -> None:
        """The test API reports what the model's oracle says of the person's state."""
        seen, oracle = self.seen, MODEL.oracles[self.state]
        application = seen["application"]["status"] if seen["application"] else None
        reported = (seen["status"], seen["entry_visible"], seen["outstanding_fen"] > 0)
        expected = (oracle.status, oracle.entry_visible, oracle.owes)
        assert reported == expected, f"in {self.state} the portal reports {reported}"
        assert application in oracle.application, f"in {self.state}: application {application}"

    def the_entry_never_hides_from_someone_who_owes(self) -> None:
        """Repayment stays reachable: whoever owes money sees the entry."""
        assert self.seen["entry_visible"] or self.seen["outstanding_fen"] == 0, self.seen

    def no_application_is_pending_while_money_is_owed(self) -> None:
        """A closure under review owes nothing (and none was submitted owing: ``take``)."""
        seen = self.seen
        assert seen["status"] != "closure_pending" or seen["outstanding_fen"] == 0, seen

    def at_most_one_pending_application(self) -> None:
        """No account has two applications under review."""
        pending = self.store_facts()["pending"]
        assert all(count <= 1 for count in pending.values()), pending

    def money_owed_is_never_negative(self) -> None:
        """Nothing is owed below zero: not the total, not a part, not on any loan."""
        seen = self.seen
        assert seen["outstanding_fen"] >= 0 and min(seen["outstanding"].values()) >= 0, seen
        parts = self.store_facts()["loan_parts"]
        assert all(min(owed) >= 0 for _, *owed in parts), parts

    def a_closed_account_never_borrows_repays_or_comes_back(self) -> None:
        """Once closed, an account stays closed with no loans; re-inviting opens another."""
        store = self.store_facts()
        accounts, parts = store["accounts"], store["loan_parts"]
        self.closed_accounts |= {i for i, status in accounts.items() if status == "closed"}
        for account in self.closed_accounts:
            assert accounts[account] == "closed", f"account {account} was restored"
            assert all(loan[0] != account for loan in parts), f"closed account {account} owes"

    def store_facts(self) -> dict[str, Any]:
        """Return what the invariants read of the store: pending counts, loans, accounts."""
        if self._store_facts is None:
            tables = self.store()
            pending = Counter(
                row["account_id"] for row in tables["application"] if row["status"] == "pending"
            )
            parts = [
                (
                    loan["account_id"],
                    loan["principal_fen"] - loan["principal_repaid_fen"],
                    loan["interest_fen"] - loan["interest_repaid_fen"],
                    loan["penalty_fen"] - loan["penalty_repaid_fen"],
                )
                for loan in tables["loan"]
            ]
            accounts = {row["id"]: str(row["status"]) for row in tables["account"]}
            self._store_facts = {
                "pending": dict(pending),
                "loan_parts": parts,
                "accounts": accounts,
            }
        return self._store_facts


class FormHands:
    """Steps taken by posting the portal's forms through a Flask test client, as a browser would."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.api = PortalApi.over_flask(client)

    def sign_in(self, person_id: int) -> None:
        """Sign the client in (the test API's login sets its session cookie)."""
        self.api.login(person_id)

    def let_time_pass(self, delta: timedelta) -> None:
        """Move the portal's clock: there is no page with a clock of its own."""
        self.api.advance(seconds=int(delta.total_seconds()))

    def perform(self, journey: ModelJourney, transition: Transition, argument: Any) -> str | None:
        """Post the step's form and check where the portal sends the person."""
        action, done = transition.action, transition.outcome is Outcome.DONE
        post = self.client.post

        def lands(response: TestResponse, where: str | None) -> None:
            _lands(journey, response, where)

        if action is Action.BORROW:
            response = post("/weilidai/borrow", data={"amount": _yuan(argument)})
            lands(response, "/weilidai/loans" if done else None)
        elif action is Action.REPAY:
            response = post("/weilidai/repay", data={"payment_password": journey.password})
            lands(response, "/weilidai/repay/done" if done else None)
        elif action is Action.WRONG_PASSWORD:
            closure = journey.state is State.AT_PASSWORD
            page = f"{journey.flow_url()}/password" if closure else "/weilidai/repay"
            lands(post(page, data={"payment_password": journey.wrong_password()}), None)
        elif action is Action.PAUSE:
            _reply(post("/weilidai/help/pause", data={"confirm": "yes"}), 200)
        elif action in (Action.OPT_OUT, Action.OPT_IN):
            form = {"opt_out": "yes"} if action is Action.OPT_OUT else {}
            response = post("/weilidai/settings/notifications", data=form)
            lands(response, "/weilidai/settings/notifications" if done else None)
        elif action is Action.START_CLOSURE:
            return self._start_closure(transition)
        elif action is Action.RIGHT_PASSWORD:
            response = post(
                f"{journey.flow_url()}/password", data={"payment_password": journey.password}
            )
            lands(response, f"{journey.flow_url()}/sms" if done else None)
        elif action is Action.WRONG_SMS_CODE:
            wrong = journey.wrong_sms_code()
            lands(post(f"{journey.flow_url()}/sms", data={"sms_code": wrong}), None)
        elif action is Action.RIGHT_SMS_CODE:
            if not journey.memory.code_live:
                lands(post(f"{journey.flow_url()}/sms/send"), f"{journey.flow_url()}/sms")
            response = post(f"{journey.flow_url()}/sms", data={"sms_code": journey.sms_code()})
            lands(response, f"{journey.flow_url()}/face")
        elif action is Action.FACE_CHECK:
            response = post(f"{journey.flow_url()}/face")
            lands(response, f"{journey.flow_url()}/submitted" if done else None)
        elif action is not Action.LEAVE_CLOSURE:  # leaving halfway is posting nothing more
            raise AssertionError(f"no way to take {action}")
        return None

    def _start_closure(self, transition: Transition) -> str | None:
        opened = self.client.get("/weilidai/closure/")
        posted = self.client.post("/weilidai/closure/", data={"acknowledged": "yes"})
        answers = f"the portal answered {opened.status_code}, then {posted.status_code}"
        if transition.outcome is Outcome.DONE:
            assert opened.status_code == 200, f"{transition.key}: {answers}"
            assert posted.status_code == 302 and posted.location.endswith("/password"), (
                f"{transition.key}: {answers} {posted.location}"
            )
            return posted.location.split("/")[-2]
        # Each refusal has its own screen (the pre-checks' order, rules.md).
        screens = {
            State.RECENT_LOAN: (302, "/weilidai/site/security"),
            State.RISK_FLAGGED: (302, "/weilidai/site/security"),
            State.OWING: (200, "去还款"),
            State.CLOSURE_PENDING: (302, "/weilidai/closure/status"),
            State.CLOSED: (200, "账户已注销"),
        }
        status, sign = screens[transition.source]
        for response in (opened, posted):
            assert response.status_code == status, f"{transition.key}: {answers}"
            shown = response.location if status == 302 else response.get_data(as_text=True)
            assert sign in (shown or ""), f"{transition.key}: the screen lacks {sign}"
        return None


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _lands(journey: ModelJourney, response: TestResponse, where: str | None) -> None:
    """A form that succeeds redirects to ``where``; a refused one answers on the same page."""
    answer = f"{response.status_code} {response.location or ''}".strip()
    if where is None:
        assert response.status_code == 200, (
            f"{journey.describe_step()}: the portal answered {answer}"
        )
    else:
        assert (response.status_code, response.location) == (302, where), (
            f"{journey.describe_step()}: expected 302 {where}, the portal answered {answer}"
        )


def _reply(response: TestResponse, status: int) -> Any:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.path}: expected {status}, "
        f"the portal answered {response.status_code} {response.get_json()}"
    )
    return response.get_json()


def _without_counters(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {
        table: [
            {key: value for key, value in row.items() if key not in COUNTERS.get(table, ())}
            for row in rows
        ]
        for table, rows in tables.items()
    }


# ---------------------------------------------------------------- inputs and covering paths

# The edges of the rules: ¥0.99 and ¥1.00, a new account's ¥5,000 line, the ¥40,000 line.
EDGE_AMOUNTS_FEN = (99, 100, 12_345, 500_000, 500_001, 4_000_000, 4_000_001)
# Three hours unlock the payment password; 30 days age a loan; 90 end a pause.
CLOCK_MOVES = (
    timedelta(hours=3),
    timedelta(days=1),
    timedelta(days=3),
    timedelta(days=30),
    timedelta(days=90),
)


def argument_for(journey: ModelJourney, transition: Transition) -> Any:
    """Return the step's input that makes the transition's conditions true (or false)."""
    wanted = transition.conditions()
    memory = journey.memory
    if transition.action is Action.BORROW:
        room = memory.credit_line_fen - memory.principal_owed_fen
        return SMALLEST_LOAN_FEN if wanted.get(Predicate.WITHIN_CREDIT_LINE, True) else room + 1
    if transition.action is not Action.CLOCK:
        return None
    due = {
        Predicate.LOAN_30_DAYS_OLD: (memory.newest_loan_at, timedelta(days=RECENT_LOAN_DAYS)),
        Predicate.PAUSE_OVER: (memory.paused_until, timedelta(0)),
        Predicate.REVIEW_DUE: (memory.decide_at, timedelta(0)),
    }
    for predicate, holds in wanted.items():
        start, after = due[predicate]
        if holds and start is not None:
            return max(start + after - memory.now, timedelta(0))
    return timedelta(hours=1) if wanted else timedelta(days=1)


def take_as_planned(journey: ModelJourney, transition: Transition) -> list[Transition]:
    """Take ``transition``, first making its conditions hold; return every transition taken.

    A condition that needs earlier steps (a locked payment password: three wrong ones) gets
    them; the others come from the step's input (``argument_for``). The invariants are checked
    after every step.
    """
    taken = []
    if transition.conditions().get(Predicate.PASSWORD_LOCKED):
        for _ in range(PASSWORD_TRIES):
            taken.append(journey.take(Action.WRONG_PASSWORD))
            journey.check_invariants()
    step = journey.take(transition.action, argument_for(journey, transition))
    assert step == transition, f"expected {transition.key}, the model took {step.key}"
    journey.check_invariants()
    return [*taken, step]


# ---------------------------------------------------------------- journeys kept to replay


@dataclass
class Recording:
    """A person's seed, facts and steps, kept so the same journey can be taken again.

    A random walk writes one; so does a failing Hypothesis journey (its shrunk sequence);
    ``python -m e2e.model replay FILE`` takes it in the browser. Clock moves are in seconds.
    """

    seed: Seed
    facts: dict[Predicate, bool]
    steps: list[tuple[Action, Any]] = field(default_factory=list)

    def add(self, action: Action, argument: Any = None) -> None:
        """Keep one step."""
        self.steps.append((action, argument))

    def to_json(self) -> dict[str, Any]:
        """Return the recording as plain JSON."""

        def step(action: Action, argument: Any) -> dict[str, Any]:
            if isinstance(argument, timedelta):
                return {"action": str(action), "seconds": int(argument.total_seconds())}
            return {"action": str(action), "argument": argument}

        return {
            "seed": str(self.seed.state),
            "facts": {str(p): value for p, value in self.facts.items()},
            "steps": [step(action, argument) for action, argument in self.steps],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recording:
        """Read a recording back; an unknown seed or action is a ``ValueError`` naming it."""
        seeds = {str(seed.state): seed for seed in MODEL.seeds}
        if data.get("seed") not in seeds:
            raise ValueError(f"unknown seed {data.get('seed')!r}: one of {', '.join(seeds)}")
        facts = {Predicate(name): bool(value) for name, value in data.get("facts", {}).items()}
        steps: list[tuple[Action, Any]] = []
        for entry in data.get("steps", []):
            action = Action(entry["action"])
            if "seconds" in entry:
                steps.append((action, timedelta(seconds=entry["seconds"])))
            else:
                steps.append((action, entry.get("argument")))
        return cls(seeds[data["seed"]], facts, steps)

    def describe(self) -> str:
        """Return the journey on one line: the seed, then each step."""

        def shown(action: Action, argument: Any) -> str:
            return str(action) if argument is None else f"{action}({argument})"

        steps = " → ".join(shown(action, argument) for action, argument in self.steps)
        return f"{self.seed.scenario} ({self.seed.state}) → {steps}"
