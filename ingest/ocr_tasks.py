"""OCR workers on Celery + Redis: the one task (read one part of a mail) and the Celery app that
the coordinator and every worker build the same way from ``[dispatch]``.

A task carries one candidate part (its bytes, media type, position) and the fingerprint of
the coordinator's OCR settings; a worker whose own settings differ refuses it rather than
store receipts read another way. A worker runs only the pure stages (OCR, extraction,
redaction: ``Pipeline.read_part``) and answers with the redacted result as JSON; it never
touches SQLite. Exactly once is the SQLite queue's business: tasks are acknowledged late,
given back when their worker dies, one at a time per worker process, never retried by Celery.
"""
from __future__ import annotations

import base64
import logging
import os
import re
import socket
import time

from celery import Celery

from parse.types import Candidate
from receiptd.config import Config, DispatchConfig

from . import wire
from .pipeline import Pipeline, ocr_fingerprint

log = logging.getLogger(__name__)

TASK = "receiptd.read_part"
QUEUE = "receiptd-ocr"


class BrokerConfigError(Exception):
    """``[dispatch]`` names no usable broker."""


def broker_url(dispatch: DispatchConfig) -> str:
    """``[dispatch] broker_url``, or the environment variable ``broker_url_env`` names (a URL
    with a password stays out of config files)."""
    if dispatch.broker_url_env:
        url = os.environ.get(dispatch.broker_url_env, "")
        if not url:
            raise BrokerConfigError(f"[dispatch] broker_url_env: the environment variable "
                                    f"{dispatch.broker_url_env} is not set")
        return url
    return dispatch.broker_url


def masked(url: str) -> str:
    """The URL as logs may show it: no password."""
    return re.sub(r"(?<=://)([^:@/]*):[^@/]*@", r"\1:***@", url)


def task_id(queue_id: int, attempt: int, position: int) -> str:
    """One id per (message, attempt, position): a second send of the same part is the same task."""
    return f"receiptd-{queue_id}-{attempt}-{position}"


def answer_timeout(dispatch: DispatchConfig) -> float:
    """How long the coordinator waits for a mail's parts: its own time plus every other mail in
    flight ahead of it, on a single worker."""
    return dispatch.task_time_limit * (dispatch.in_flight + 1)


def visibility_timeout(dispatch: DispatchConfig) -> float:
    """Redis gives an unacknowledged task to another worker only after the coordinator has
    given its attempt up: a redelivered task can then only bring a stale answer."""
    return answer_timeout(dispatch) + dispatch.task_time_limit


def make_app(config: Config) -> Celery:
    dispatch = config.dispatch
    url = broker_url(dispatch)
    app = Celery("receiptd", broker=url, backend=url, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        event_serializer="json",
        task_default_queue=QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_time_limit=dispatch.task_time_limit,
        broker_transport_options={"visibility_timeout": visibility_timeout(dispatch)},
        result_backend_transport_options={"visibility_timeout": visibility_timeout(dispatch)},
        result_expires=int(visibility_timeout(dispatch) * 2),
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=3,
        redis_socket_connect_timeout=3,
        redis_socket_timeout=10,
        redis_retry_on_timeout=False,
        task_publish_retry=True,
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5,
                                   "interval_max": 1.0},
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    reader = app.part_reader = PartReader(config)

    def read_part(task, job: dict) -> dict:
        return reader.run(task, job)

    app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=0)(read_part)
    return app


class PartReader:
    """The task's body, with the worker process's own pipeline (its OCR model loaded once)."""

    def __init__(self, config: Config):
        self.config = config
        self.fingerprint = ocr_fingerprint(config)
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def run(self, task, job: dict) -> dict:
        worker = task.request.hostname or socket.gethostname()
        if job.get("fingerprint") != self.fingerprint:
            log.error("task %s refused: the coordinator's OCR settings differ from this worker's", task.request.id)
            return {"worker": worker, "error": "fingerprint: this worker's OCR settings differ from the coordinator's"}
        candidate = Candidate(position=job["position"], kind=job["kind"], media_type=job["media_type"],
                              data=base64.b64decode(job["data"]), filename=job.get("filename"),
                              declared_type=job.get("declared_type"))
        started = time.perf_counter()
        part = self.pipeline.read_part(candidate)
        return {"worker": worker, "fingerprint": self.fingerprint, "part": wire.encode(part),
                "seconds": round(time.perf_counter() - started, 3)}


def job(candidate: Candidate, fingerprint: str) -> dict:
    """A task's argument: one part of a mail, as JSON."""
    return {"position": candidate.position, "kind": candidate.kind, "media_type": candidate.media_type,
            "filename": candidate.filename, "declared_type": candidate.declared_type,
            "data": base64.b64encode(candidate.data).decode("ascii"), "fingerprint": fingerprint}


def run_worker(config: Config, *, concurrency: int = 1) -> None:
    """``receiptctl ocr-worker``: Celery's own worker, reading the broker from the same config."""
    from receiptd.logs import configure_logging

    configure_logging(config.log.level, process="ocr-worker")
    app = make_app(config)
    node = f"receiptd-ocr-{os.getpid()}@{socket.gethostname()}"
    log.info("OCR worker %s: broker %s, concurrency %d", node, masked(broker_url(config.dispatch)), concurrency)
    if config.ocr.preload:
        from celery.signals import worker_process_init

        # each worker process loads its OCR model at start: a missing model fails there, not a mail
        worker_process_init.connect(lambda **_: (app.part_reader.pipeline.engine,
                                                 app.part_reader.pipeline.second_recogniser), weak=False)
    app.worker_main(["worker", f"--concurrency={concurrency}", "--pool=prefork", f"--hostname={node}",
                     f"--queues={QUEUE}", f"--loglevel={config.log.level}", "--without-gossip",
                     "--without-mingle", "--without-heartbeat"])
