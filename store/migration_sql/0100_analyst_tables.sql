
-- one pseudonym per panelist: what analysts see instead of the address or the row id
CREATE TABLE analyst_pseudonyms (
    panelist_id INTEGER PRIMARY KEY REFERENCES panelists(id) ON DELETE CASCADE,
    pseudonym TEXT NOT NULL,
    keyed TEXT                    -- NULL: random; else a fingerprint of the salt it was derived with
);
INSERT INTO analyst_pseudonyms (panelist_id, pseudonym) SELECT id, 'p' || lower(hex(randomblob(8))) FROM panelists;
CREATE TRIGGER panelists_pseudonym AFTER INSERT ON panelists BEGIN
    INSERT OR IGNORE INTO analyst_pseudonyms (panelist_id, pseudonym) VALUES (new.id, 'p' || lower(hex(randomblob(8))));
END;

-- the configured brand list; query is an FTS5 expression over line_items_fts (search)
CREATE TABLE analyst_brands (
    brand TEXT PRIMARY KEY,
    query TEXT NOT NULL
);
-- the phrases a brand is matched with: lower-case words separated by single spaces
CREATE TABLE analyst_brand_terms (
    brand TEXT NOT NULL,
    phrase TEXT NOT NULL,
    PRIMARY KEY (brand, phrase)
) WITHOUT ROWID;
-- line items naming a brand (kept by triggers on line_items and receipts; rebuilt when the list
-- changes); the receipt's month, currency and panelist are copied so that aggregates need no join
CREATE TABLE analyst_brand_items (
    item_id INTEGER NOT NULL,     -- line_items.id
    brand TEXT NOT NULL,
    receipt_id INTEGER NOT NULL,
    month TEXT,                   -- YYYY-MM of the purchase date
    currency TEXT,
    amount INTEGER,               -- minor units
    panelist_id INTEGER,
    PRIMARY KEY (item_id, brand)
) WITHOUT ROWID;
CREATE INDEX analyst_brand_items_month ON analyst_brand_items (month, brand, currency, panelist_id, amount);
CREATE INDEX analyst_brand_items_brand ON analyst_brand_items (brand, currency, panelist_id, amount, month);
CREATE INDEX analyst_brand_items_receipt ON analyst_brand_items (receipt_id);

-- small flags kept by triggers (search_index_dirty: rows were deleted since the last purge)
CREATE TABLE analyst_state (
    key TEXT PRIMARY KEY,
    value TEXT
);

-- the brand list of [analytics] brands' default when 0100 was applied (receiptctl report and serve
-- replace it by the configured one, analytics.sync)
INSERT INTO analyst_brands (brand, query) VALUES ('Coca-Cola', '"coca cola" OR "cocacola" OR "coke"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Coca-Cola', 'coca cola');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Coca-Cola', 'cocacola');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Coca-Cola', 'coke');
INSERT INTO analyst_brands (brand, query) VALUES ('Pepsi', '"pepsi"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Pepsi', 'pepsi');
INSERT INTO analyst_brands (brand, query) VALUES ('Red Bull', '"red bull" OR "redbull"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Red Bull', 'red bull');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Red Bull', 'redbull');
INSERT INTO analyst_brands (brand, query) VALUES ('Heinz', '"heinz"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Heinz', 'heinz');
INSERT INTO analyst_brands (brand, query) VALUES ('Kellogg''s', '"kellogg s" OR "kelloggs"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Kellogg''s', 'kellogg s');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Kellogg''s', 'kelloggs');
INSERT INTO analyst_brands (brand, query) VALUES ('Nutella', '"nutella"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Nutella', 'nutella');
INSERT INTO analyst_brands (brand, query) VALUES ('Nescafe', '"nescafe"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Nescafe', 'nescafe');
INSERT INTO analyst_brands (brand, query) VALUES ('Barilla', '"barilla"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Barilla', 'barilla');
INSERT INTO analyst_brands (brand, query) VALUES ('Doritos', '"doritos"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Doritos', 'doritos');
INSERT INTO analyst_brands (brand, query) VALUES ('Lay''s', '"lay s" OR "lays"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Lay''s', 'lay s');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Lay''s', 'lays');
INSERT INTO analyst_brands (brand, query) VALUES ('Pringles', '"pringles"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Pringles', 'pringles');
INSERT INTO analyst_brands (brand, query) VALUES ('Oreo', '"oreo"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Oreo', 'oreo');
INSERT INTO analyst_brands (brand, query) VALUES ('Danone', '"danone"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Danone', 'danone');
INSERT INTO analyst_brands (brand, query) VALUES ('Colgate', '"colgate"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Colgate', 'colgate');
INSERT INTO analyst_brands (brand, query) VALUES ('Tide', '"tide"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Tide', 'tide');
INSERT INTO analyst_brands (brand, query) VALUES ('Pampers', '"pampers"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Pampers', 'pampers');
INSERT INTO analyst_brands (brand, query) VALUES ('Gillette', '"gillette"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Gillette', 'gillette');
INSERT INTO analyst_brands (brand, query) VALUES ('Dove', '"dove"');
INSERT INTO analyst_brand_terms (brand, phrase) VALUES ('Dove', 'dove');
