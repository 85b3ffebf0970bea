-- rewards: receipt rewards stay unique per (panelist, month); a survey reward is unique per
-- (panelist, survey). The table-level UNIQUE (panelist_id, month) of 0003_panel cannot be
-- dropped in SQLite, so the table is rebuilt with the same columns and ids plus survey_id, and
-- the two keys become partial unique indexes.
CREATE TABLE rewards_rebuilt (
    id INTEGER PRIMARY KEY,
    panelist_id INTEGER REFERENCES panelists(id) ON DELETE SET NULL,
    month TEXT NOT NULL,          -- YYYY-MM (a survey reward: the month the answers arrived)
    threshold INTEGER,            -- eligible receipts it took; NULL for a survey reward
    amount INTEGER NOT NULL,      -- minor units
    currency TEXT NOT NULL,
    kind TEXT NOT NULL,           -- credit | donation (receipts), survey (answers; charity set if donated)
    charity TEXT,
    receipt_id INTEGER REFERENCES receipts(id) ON DELETE SET NULL,   -- the receipt that earned it
    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    survey_id TEXT REFERENCES surveys(id)                            -- the survey answered (kind survey)
);
INSERT INTO rewards_rebuilt (id, panelist_id, month, threshold, amount, currency, kind, charity, receipt_id,
                             message_id, created_at)
    SELECT id, panelist_id, month, threshold, amount, currency, kind, charity, receipt_id, message_id, created_at
    FROM rewards;
DROP TABLE rewards;
ALTER TABLE rewards_rebuilt RENAME TO rewards;
CREATE UNIQUE INDEX rewards_month ON rewards (panelist_id, month) WHERE survey_id IS NULL;
CREATE UNIQUE INDEX rewards_survey ON rewards (panelist_id, survey_id) WHERE survey_id IS NOT NULL;
