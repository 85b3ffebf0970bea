-- surveys an operator created (`receiptctl survey create FILE`): the file as written, checked
CREATE TABLE surveys (
    id TEXT PRIMARY KEY,              -- the file's id, e.g. '2026-12-soft-drinks'
    title TEXT NOT NULL,              -- in the file's first language (for `survey list`)
    source TEXT NOT NULL,             -- the TOML file as created: texts, questions, audience
    reward_amount INTEGER NOT NULL,   -- minor units
    reward_currency TEXT NOT NULL,
    closes_at TEXT NOT NULL,          -- ISO 8601 UTC: answers received later are thanked, not rewarded
    created_at TEXT NOT NULL,
    sent_at TEXT                      -- the last `survey send`
);

-- the survey mail each panelist of the audience got: its Message-ID finds the survey of a reply
CREATE TABLE survey_mails (
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    panelist_id INTEGER NOT NULL REFERENCES panelists(id) ON DELETE CASCADE,
    outbound_id INTEGER REFERENCES outbound(id) ON DELETE SET NULL,
    header_message_id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (survey_id, panelist_id)
);

-- a panelist's complete answers: one set per panelist and survey, stored with its reward
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    panelist_id INTEGER NOT NULL REFERENCES panelists(id) ON DELETE CASCADE,
    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,  -- the reply that carried them
    received_at TEXT NOT NULL,
    UNIQUE (survey_id, panelist_id)
);

-- one row per answer; survey and panelist repeated from the response (a panelist's export reads them)
CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    panelist_id INTEGER NOT NULL REFERENCES panelists(id) ON DELETE CASCADE,
    question INTEGER NOT NULL,        -- 1-based, as in the survey
    value TEXT,                       -- a choice's letter, a scale's 1-5, or a number as a decimal
    free_text TEXT,                   -- a free-text answer: read by `survey results` only
    PRIMARY KEY (response_id, question),
    CHECK ((value IS NULL) <> (free_text IS NULL))
);
CREATE INDEX survey_answers_survey ON survey_answers (survey_id, question);
CREATE INDEX survey_answers_panelist ON survey_answers (panelist_id);
CREATE INDEX survey_responses_panelist ON survey_responses (panelist_id);
CREATE INDEX survey_mails_panelist ON survey_mails (panelist_id);

-- a panelist who leaves (LEAVE, `panelist remove`) takes their answers and survey mails along
CREATE TRIGGER panelists_left_surveys AFTER UPDATE OF status ON panelists WHEN new.status = 'left' BEGIN
    DELETE FROM survey_responses WHERE panelist_id = new.id;
    DELETE FROM survey_mails WHERE panelist_id = new.id;
END;
