
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            message_id TEXT,              -- the Message-ID header
            sha256 TEXT NOT NULL,         -- of the raw bytes as received
            source TEXT NOT NULL,         -- 'smtp' or 'imap'
            envelope_from TEXT,
            recipients TEXT,              -- JSON list of accepted envelope recipients
            sender TEXT,                  -- address in From:, set once the mail is parsed
            mail_date TEXT,               -- Date: header, ISO 8601
            received_at TEXT NOT NULL,    -- ISO 8601 UTC
            size INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued',  -- queued | claimed | done
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            claimed_at TEXT,
            claim_token TEXT,             -- which worker holds the claim (fences a stale worker)
            finished_at TEXT,
            outcome TEXT,                 -- NULL until done: processed | no_receipt | rejected | dead_letter
            error TEXT
        );
        CREATE UNIQUE INDEX messages_identity ON messages (coalesce(message_id, ''), sha256);
        CREATE INDEX messages_queue ON messages (status, id);
        CREATE INDEX messages_outcome ON messages (outcome);

        -- raw mail bytes, kept only until the message is done (or retain_raw_days)
        CREATE TABLE spool (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            raw BLOB NOT NULL
        );

        CREATE TABLE message_parts (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            filename TEXT,
            declared_type TEXT,
            media_type TEXT,
            size INTEGER,
            outcome TEXT NOT NULL,        -- receipt | skipped
            reason TEXT
        );
        CREATE INDEX message_parts_message ON message_parts (message_id);

        CREATE TABLE receipts (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,    -- which part of the mail
            sender TEXT,
            media_type TEXT,
            merchant TEXT,
            merchant_address TEXT,
            merchant_phone TEXT,
            purchase_date TEXT,           -- ISO 8601 date
            purchase_time TEXT,           -- HH:MM
            currency TEXT,                -- ISO 4217
            total INTEGER,                -- minor units (cents)
            subtotal INTEGER,
            tax INTEGER,
            tax_rate TEXT,                -- percent, decimal string
            tip INTEGER,
            payment TEXT,
            receipt_number TEXT,
            category TEXT,
            redacted_items INTEGER NOT NULL DEFAULT 0,
            redacted_amount INTEGER,
            status TEXT NOT NULL,         -- accepted | rejected
            reason TEXT,                  -- why rejected
            confidence TEXT,              -- JSON {field: 0..1}
            flags TEXT,                   -- JSON consistency flags
            ocr_seconds REAL,
            image_sha256 TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (message_id, position)
        );
        CREATE INDEX receipts_sender ON receipts (sender);
        CREATE INDEX receipts_date ON receipts (purchase_date);

        CREATE TABLE line_items (
            id INTEGER PRIMARY KEY,
            receipt_id INTEGER NOT NULL REFERENCES receipts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            description TEXT NOT NULL,
            quantity REAL,
            unit_price INTEGER,           -- minor units
            amount INTEGER                -- minor units
        );
        CREATE INDEX line_items_receipt ON line_items (receipt_id);

        CREATE TABLE redactions (
            id INTEGER PRIMARY KEY,
            receipt_id INTEGER NOT NULL REFERENCES receipts(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            count INTEGER NOT NULL
        );
        CREATE INDEX redactions_receipt ON redactions (receipt_id);

        -- only the redacted, downscaled image: the original photo never reaches this file
        CREATE TABLE receipt_images (
            receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id) ON DELETE CASCADE,
            media_type TEXT NOT NULL,
            image BLOB NOT NULL
        );
        