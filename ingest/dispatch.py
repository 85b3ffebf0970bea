"""Celery mode's coordinator: the ``read`` step done by a pool of OCR workers, several mails at once.

The worker process stays the coordinator and the only SQLite writer. It claims a mail, runs
the looking steps, sends each candidate part to the OCR workers as a task whose id is
(queue id, attempt, position), and keeps up to ``[dispatch] in_flight`` mails out so that
N workers stay busy. When every part of a mail has answered, the finishing steps run in one
transaction as in embedded mode; mails finish in any order.

Exactly once rests on the SQLite queue, not on the broker: ``Queue.finish`` commits a mail
once, under this coordinator's claim. An answer for an attempt that was given up (no answer
in time, a claim lost, a coordinator killed) is dropped and counted. A mail whose parts get
no answer in time goes back to the queue's own retries (one log line, a counter); one that
cannot be sent (broker down) stays queued as it was.
"""
from __future__ import annotations

import dataclasses
import logging
import time
from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils
from celery import states

from receiptd.config import Config
from store import dispatch as book
from store.db import immediate

from . import outcomes, wire
from .ocr_tasks import QUEUE, TASK, answer_timeout, broker_url, job, make_app, masked, task_id, visibility_timeout
from .pipeline import assemble, ocr_fingerprint
from .queue import Claimed, Queue
from .steps import Flight, Steps

log = logging.getLogger(__name__)

BROKER_PAUSE = 5.0  # seconds before sending again after the broker could not be reached
ANSWER_POLL = 0.05  # seconds between looks at the answers while mails are out
STALE_POLL = 2.0  # seconds between looks at the answers of attempts given up


class BrokerUnreachable(Exception):
    """A task could not be handed to the broker."""


@dataclass
class Out:
    """A mail whose parts are at the OCR workers."""

    flight: Flight
    tasks: dict[int, str]  # position -> task id
    deadline: float
    answers: dict[int, dict] = field(default_factory=dict)  # position -> the task's answer


class Coordinator:
    def __init__(self, config: Config, db: sqlite_utils.Database, steps: Steps, app=None):
        self.config = config
        self.db = db
        self.steps = steps
        self.queue: Queue = steps.queue
        self.app = app or make_app(config)
        self.fingerprint = ocr_fingerprint(config)
        self.in_flight = config.dispatch.in_flight
        self.out: dict[int, Out] = {}
        self.stale: dict[str, float] = {}  # task id of an attempt given up -> watched until
        self.paused_until = 0.0
        self._next_stale_look = 0.0
        self._backend_trouble = False
        self._broker_trouble = False
        # what an earlier coordinator sent and never collected: its answers are stale when they come
        self._watch(book.sent_tasks(db))

    # -- the loop --------------------------------------------------------------------------------

    def run_once(self) -> bool:
        """Send what the in-flight budget allows, finish what has been answered; whether
        anything moved."""
        moved = self._fill()
        moved = self._collect() or moved
        self._drop_stale()
        return moved

    @property
    def busy(self) -> bool:
        return bool(self.out)

    def wait_seconds(self) -> float:
        if self.out:
            return ANSWER_POLL
        return min(STALE_POLL, self.config.queue.poll_interval) if self.stale else self.config.queue.poll_interval

    def close(self) -> None:
        """Stop: mails still out go back to the queue untouched (their attempt does not count:
        sent again, their tasks have the same ids, and an answer already there is used)."""
        for queue_id, out in list(self.out.items()):
            self.queue.release(queue_id)
            with immediate(self.db):
                book.forget_tasks(self.db, out.tasks.values())
            log.info("msg=%s given back to the queue at shutdown (its parts were at OCR workers)", queue_id)
        self.out.clear()

    # -- sending ---------------------------------------------------------------------------------

    def _fill(self) -> bool:
        moved = False
        while len(self.out) < self.in_flight and time.monotonic() >= self.paused_until:
            claimed = self.queue.claim()
            if claimed is None:
                break
            moved = True
            try:
                flight = self.steps.look(claimed)
                if not flight.reads or not flight.mail.candidates:
                    result = assemble(flight.mail, ()) if flight.reads else None
                    self.steps.commit(dataclasses.replace(flight, result=result))
                    continue
                self._send(claimed, flight)
            except BrokerUnreachable as err:
                self._broker_down(claimed, err)
            except Exception as err:  # unexpected: keep the mail, retry, then dead-letter
                self.steps.fail(claimed, err)
        return moved

    def _send(self, claimed: Claimed, flight: Flight) -> None:
        candidates = flight.mail.candidates
        tasks = {c.position: task_id(claimed.id, claimed.attempts, c.position) for c in candidates}
        with immediate(self.db):
            book.record_sent(self.db, claimed.id, claimed.attempts, tasks)
        for tid in tasks.values():
            self.stale.pop(tid, None)  # this attempt is live again (a mail given back at a shutdown)
        try:
            for candidate in candidates:
                self.app.send_task(TASK, args=[job(candidate, self.fingerprint)], task_id=tasks[candidate.position],
                                   queue=QUEUE)
        except Exception as err:  # kombu's OperationalError, redis' ConnectionError, OSError ...
            with immediate(self.db):
                book.forget_tasks(self.db, tasks.values())
            raise BrokerUnreachable(type(err).__name__) from err
        if self._broker_trouble:
            log.info("the broker can be reached again: sending")
            self._broker_trouble = False
        self.out[claimed.id] = Out(flight, tasks, time.monotonic() + answer_timeout(self.config.dispatch))
        log.debug("msg=%s %d part(s) sent to the OCR workers (attempt %d)", claimed.id, len(tasks), claimed.attempts)

    def _broker_down(self, claimed: Claimed, err: BrokerUnreachable) -> None:
        self.queue.release(claimed.id)
        with immediate(self.db):
            book.count(self.db, book.BROKER_UNREACHABLE)
        self.paused_until = time.monotonic() + BROKER_PAUSE
        if not self._broker_trouble:  # one line per outage; the counter counts every try
            log.error("msg=%s not sent: the broker %s cannot be reached (%s); mails stay queued, sending "
                      "is tried again every %.0fs", claimed.id, masked(broker_url(self.config.dispatch)), err,
                      BROKER_PAUSE)
        self._broker_trouble = True

    # -- answers ---------------------------------------------------------------------------------

    def _collect(self) -> bool:
        moved = False
        for queue_id, out in list(self.out.items()):
            failure = self._poll(out)
            if failure is not None:
                del self.out[queue_id]
                self._give_up(out, failure, counter=book.FAILED_TASKS)
                moved = True
            elif len(out.answers) == len(out.tasks):
                del self.out[queue_id]
                self._finish(out)
                moved = True
            elif time.monotonic() > out.deadline:
                del self.out[queue_id]
                self._give_up(out, f"no OCR worker answered within {answer_timeout(self.config.dispatch):.0f}s",
                              counter=book.UNANSWERED)
                moved = True
        return moved

    def _poll(self, out: Out) -> str | None:
        """Take in the parts answered since the last look; what went wrong, if a part failed."""
        for position, tid in out.tasks.items():
            if position in out.answers:
                continue
            state, value = self._state(tid)
            if state == states.SUCCESS:
                if "error" in value:
                    return f"OCR worker {value.get('worker')}: {value['error']}"
                if value.get("fingerprint") != self.fingerprint:  # read before the settings changed
                    return f"OCR worker {value.get('worker')}: answered with other OCR settings"
                out.answers[position] = value
            elif state in states.PROPAGATE_STATES:  # FAILURE, REVOKED: Celery does not retry it
                return f"OCR task failed on a worker: {type(value).__name__}"
        return None

    def _state(self, tid: str) -> tuple[str, object]:
        result = self.app.AsyncResult(tid)
        try:
            state = result.state
            value = result.result if state in states.READY_STATES else None
        except Exception as err:  # the result store is down: the deadline decides
            if not self._backend_trouble:
                log.error("OCR answers cannot be read from %s (%s); waiting",
                          masked(broker_url(self.config.dispatch)), type(err).__name__)
            self._backend_trouble = True
            return states.PENDING, None
        if self._backend_trouble:
            log.info("OCR answers can be read again")
            self._backend_trouble = False
        return state, value

    def _finish(self, out: Out) -> None:
        flight = out.flight
        parts = [wire.decode(out.answers[position]["part"]) for position in sorted(out.answers)]
        result = assemble(flight.mail, parts)
        outcome = self._commit(dataclasses.replace(flight, result=result))
        with immediate(self.db):
            book.forget_tasks(self.db, out.tasks.values())
            if outcome == outcomes.LOST_CLAIM:
                book.count(self.db, book.STALE_RESULTS_DROPPED, len(out.answers))
            else:
                book.saw_workers(self.db, Counter(answer["worker"] for answer in out.answers.values()))
        self._forget_results(out.tasks.values())

    def _commit(self, flight: Flight) -> str:
        try:
            return self.steps.commit(flight)
        except Exception as err:  # unexpected: keep the mail, retry, then dead-letter
            return self.steps.fail(flight.claimed, err)

    def _give_up(self, out: Out, why: str, *, counter: str) -> None:
        """This attempt is over: the queue retries the mail (or dead-letters it at the cap); its
        answers that still come are stale."""
        claimed = out.flight.claimed
        log.error("msg=%s attempt %d given up: %s; the queue retries it", claimed.id, claimed.attempts, why)
        with immediate(self.db):
            book.count(self.db, counter)
        self.steps.fail(claimed, why)
        self._watch(tid for position, tid in out.tasks.items() if position not in out.answers)
        with immediate(self.db):
            book.forget_tasks(self.db, [tid for position, tid in out.tasks.items() if position in out.answers])
        self._forget_results(tid for position, tid in out.tasks.items() if position in out.answers)

    # -- stale answers ---------------------------------------------------------------------------

    def _watch(self, task_ids) -> None:
        until = time.monotonic() + visibility_timeout(self.config.dispatch) + answer_timeout(self.config.dispatch)
        for tid in task_ids:
            self.stale[tid] = until

    def _drop_stale(self) -> None:
        """Answers to attempts given up are dropped and counted; after the longest a redelivered
        task can take, one that never came is forgotten."""
        if not self.stale or time.monotonic() < self._next_stale_look:
            return
        self._next_stale_look = time.monotonic() + STALE_POLL
        dropped, gone = [], []
        for tid, until in list(self.stale.items()):
            state, _ = self._state(tid)
            if state in states.READY_STATES:
                dropped.append(tid)
            elif time.monotonic() > until:
                gone.append(tid)
        if not dropped and not gone:
            return
        with immediate(self.db):
            if dropped:
                book.count(self.db, book.STALE_RESULTS_DROPPED, len(dropped))
            book.forget_tasks(self.db, dropped + gone)
        for tid in dropped + gone:
            del self.stale[tid]
        self._forget_results(dropped)
        if dropped:
            log.warning("%d stale OCR answer(s) dropped (attempts given up)", len(dropped))

    def _forget_results(self, task_ids) -> None:
        for tid in task_ids:
            try:
                self.app.AsyncResult(tid).forget()
            except Exception:  # noqa: BLE001 - they expire anyway (result_expires)
                pass
