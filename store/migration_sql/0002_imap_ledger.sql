
        -- one row per mail fetched from an IMAP folder: the proof it is queued, and whether the
        -- account's action (move, flag, seen, delete) has been applied to it on the server
        CREATE TABLE imap_ledger (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            queue_id INTEGER NOT NULL,    -- messages.id (no foreign key: the ledger outlives a dropped message)
            message_id TEXT,              -- the Message-ID header (with sha256: found again after a UIDVALIDITY change)
            sha256 TEXT NOT NULL,         -- of the bytes fetched
            size INTEGER NOT NULL,
            fetched_at TEXT NOT NULL,     -- ISO 8601 UTC
            action TEXT NOT NULL,         -- the action due: move | flag | seen | delete
            action_done_at TEXT,          -- NULL until the action is applied
            PRIMARY KEY (account, folder, uidvalidity, uid)
        );
        CREATE INDEX imap_ledger_identity ON imap_ledger (account, sha256, message_id);
        CREATE INDEX imap_ledger_queue ON imap_ledger (queue_id);

        -- per folder: the UIDVALIDITY last seen and the highest UID below which all is done
        CREATE TABLE imap_folders (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            done_uid INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (account, folder)
        );
        