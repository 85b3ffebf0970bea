
CREATE VIRTUAL TABLE line_items_fts USING fts5 (description, content='line_items', content_rowid='id');
CREATE VIRTUAL TABLE receipts_fts USING fts5 (merchant, content='receipts', content_rowid='id');
INSERT INTO line_items_fts (line_items_fts) VALUES ('rebuild');
INSERT INTO receipts_fts (receipts_fts) VALUES ('rebuild');

CREATE TRIGGER line_items_fts_ai AFTER INSERT ON line_items BEGIN
    INSERT INTO line_items_fts (rowid, description) VALUES (new.id, new.description);
END;
CREATE TRIGGER line_items_fts_ad AFTER DELETE ON line_items BEGIN
    INSERT INTO line_items_fts (line_items_fts, rowid, description) VALUES ('delete', old.id, old.description);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
CREATE TRIGGER line_items_fts_au AFTER UPDATE OF description ON line_items BEGIN
    INSERT INTO line_items_fts (line_items_fts, rowid, description) VALUES ('delete', old.id, old.description);
    INSERT INTO line_items_fts (rowid, description) VALUES (new.id, new.description);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
CREATE TRIGGER receipts_fts_ai AFTER INSERT ON receipts BEGIN
    INSERT INTO receipts_fts (rowid, merchant) VALUES (new.id, new.merchant);
END;
CREATE TRIGGER receipts_fts_ad AFTER DELETE ON receipts BEGIN
    INSERT INTO receipts_fts (receipts_fts, rowid, merchant) VALUES ('delete', old.id, old.merchant);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
CREATE TRIGGER receipts_fts_au AFTER UPDATE OF merchant ON receipts BEGIN
    INSERT INTO receipts_fts (receipts_fts, rowid, merchant) VALUES ('delete', old.id, old.merchant);
    INSERT INTO receipts_fts (rowid, merchant) VALUES (new.id, new.merchant);
    INSERT OR REPLACE INTO analyst_state (key, value) VALUES ('search_index_dirty', '1');
END;
