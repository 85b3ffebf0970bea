
        CREATE TABLE panelists (
            id INTEGER PRIMARY KEY,
            address TEXT UNIQUE,          -- lower case; NULL once the panelist left (data erased)
            status TEXT NOT NULL,         -- invited | active | waitlisted | left
            country TEXT,                 -- ISO 3166-1 alpha-2
            reward TEXT NOT NULL DEFAULT 'credit',  -- credit | donation
            charity TEXT,                 -- named charity when reward = 'donation'
            invited_at TEXT,
            joined_at TEXT,               -- first mail as a panelist
            waitlisted_at TEXT,
            left_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX panelists_status ON panelists (status);

        ALTER TABLE receipts ADD COLUMN panelist_id INTEGER REFERENCES panelists(id) ON DELETE SET NULL;
        ALTER TABLE receipts ADD COLUMN panel_month TEXT;   -- YYYY-MM the mail arrived (panel time zone)
        ALTER TABLE receipts ADD COLUMN phash TEXT;         -- 64-bit perceptual hash of the image, hex
        ALTER TABLE receipts ADD COLUMN dedupe_key TEXT;    -- merchant|date|time|total, NULL if incomplete
        CREATE INDEX receipts_panel_month ON receipts (panelist_id, panel_month, status);
        CREATE INDEX receipts_dedupe ON receipts (dedupe_key);
        CREATE INDEX receipts_image_sha256 ON receipts (image_sha256);
        CREATE INDEX receipts_created ON receipts (created_at);

        -- the reward ledger: one row per panelist and month, never taken back; when a panelist
        -- leaves, their rows stay with the (then anonymous) panelist id
        CREATE TABLE rewards (
            id INTEGER PRIMARY KEY,
            panelist_id INTEGER REFERENCES panelists(id) ON DELETE SET NULL,
            month TEXT NOT NULL,          -- YYYY-MM
            threshold INTEGER NOT NULL,   -- eligible receipts it took
            amount INTEGER NOT NULL,      -- minor units
            currency TEXT NOT NULL,
            kind TEXT NOT NULL,           -- credit | donation
            charity TEXT,
            receipt_id INTEGER REFERENCES receipts(id) ON DELETE SET NULL,   -- the receipt that earned it
            message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            UNIQUE (panelist_id, month)
        );

        -- replies: recorded in the transaction that finishes their mail, sent after commit
        CREATE TABLE outbound (
            id INTEGER PRIMARY KEY,
            message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,  -- the mail answered
            panelist_id INTEGER REFERENCES panelists(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,           -- receipts | waitlisted | status | deleted | left
            recipient TEXT,               -- NULL once erased (after a LEAVE confirmation is sent)
            subject TEXT,
            body TEXT,
            header_message_id TEXT NOT NULL,
            in_reply_to TEXT,
            status TEXT NOT NULL,         -- pending | sent | failed | recorded (no relay) | suppressed
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            sent_at TEXT,
            error TEXT,
            forget INTEGER NOT NULL DEFAULT 0,  -- erase recipient, subject and body once sent
            created_at TEXT NOT NULL
        );
        CREATE INDEX outbound_due ON outbound (status, next_attempt_at);
        CREATE INDEX outbound_recipient ON outbound (recipient, created_at);

        -- when periodic jobs (retention purge) last ran
        CREATE TABLE maintenance (
            name TEXT PRIMARY KEY,
            last_run TEXT NOT NULL
        );
        