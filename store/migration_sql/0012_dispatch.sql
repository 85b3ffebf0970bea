-- celery mode (issue 15): the coordinator's record of the OCR tasks it sent, the workers that
-- answered, and its counters. Only the coordinator writes these; receiptctl status and /metrics read.
CREATE TABLE dispatched (
    task_id TEXT PRIMARY KEY,     -- receiptd-<message>-<attempt>-<position>
    message_id INTEGER NOT NULL,  -- messages.id (no foreign key: a row outlives a purged mail until dropped)
    attempt INTEGER NOT NULL,
    position INTEGER NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE INDEX dispatched_message ON dispatched (message_id);
CREATE TABLE ocr_workers (
    name TEXT PRIMARY KEY,        -- the Celery node name, e.g. receiptd-ocr-4121@host2
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    parts INTEGER NOT NULL DEFAULT 0   -- parts it read whose answer was used
);
CREATE TABLE dispatch_counters (
    name TEXT PRIMARY KEY,        -- stale_results_dropped | unanswered | broker_unreachable | failed_tasks
    value INTEGER NOT NULL DEFAULT 0
);
