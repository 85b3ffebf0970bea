
CREATE INDEX receipts_analyst_month ON receipts (status, substr(purchase_date, 1, 7), category, currency, total, panelist_id, purchase_date);
CREATE INDEX receipts_analyst_merchant ON receipts (status, merchant, currency, total, panelist_id, purchase_date);
CREATE INDEX receipts_analyst_hours ON receipts (status, CAST(strftime('%w', purchase_date) AS INTEGER), CAST(substr(purchase_time, 1, 2) AS INTEGER), panelist_id, purchase_date, purchase_time);
-- the normalized item name, stored (kept by the triggers below): SQLite 3.40 recomputes indexed
-- expressions row by row, a stored column is read from a covering index
ALTER TABLE line_items ADD COLUMN item TEXT;
UPDATE line_items SET item = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(description) || ' ', '. ', ' '), ',', ' '), '*', ' '), '#', ' '), '-', ' '), '/', ' '), '_', ' '), '+', ' '), '"', ' '), '''', ' '), '(', ' '), ')', ' '), ':', ' '), ';', ' '), '!', ' '), '  ', ' '), '  ', ' '), '  ', ' '));

-- brand matches, stored: one row per (line item, brand), kept by triggers (v_brand_mentions)
CREATE TRIGGER line_items_analyst_ai AFTER INSERT ON line_items BEGIN
    UPDATE line_items SET item = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.description) || ' ', '. ', ' '), ',', ' '), '*', ' '), '#', ' '), '-', ' '), '/', ' '), '_', ' '), '+', ' '), '"', ' '), '''', ' '), '(', ' '), ')', ' '), ':', ' '), ';', ' '), '!', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) WHERE id = new.id;
    INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
    SELECT li.id, t.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
    FROM line_items li JOIN receipts r ON r.id = li.receipt_id JOIN analyst_brand_terms t
    WHERE li.id = new.id AND r.status = 'accepted' AND instr((' ' || replace(li.item, '.', ' ') || ' '), ' ' || t.phrase || ' ') > 0;
END;
CREATE TRIGGER line_items_analyst_au AFTER UPDATE OF description, amount, receipt_id ON line_items BEGIN
    UPDATE line_items SET item = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.description) || ' ', '. ', ' '), ',', ' '), '*', ' '), '#', ' '), '-', ' '), '/', ' '), '_', ' '), '+', ' '), '"', ' '), '''', ' '), '(', ' '), ')', ' '), ':', ' '), ';', ' '), '!', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) WHERE id = new.id;
    DELETE FROM analyst_brand_items WHERE item_id = old.id;
    INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
    SELECT li.id, t.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
    FROM line_items li JOIN receipts r ON r.id = li.receipt_id JOIN analyst_brand_terms t
    WHERE li.id = new.id AND r.status = 'accepted' AND instr((' ' || replace(li.item, '.', ' ') || ' '), ' ' || t.phrase || ' ') > 0;
END;
CREATE TRIGGER line_items_analyst_ad AFTER DELETE ON line_items BEGIN
    DELETE FROM analyst_brand_items WHERE item_id = old.id;
END;
CREATE TRIGGER receipts_analyst_au AFTER UPDATE OF status, purchase_date, currency, panelist_id ON receipts BEGIN
    DELETE FROM analyst_brand_items WHERE receipt_id = old.id;
    INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
    SELECT li.id, t.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
    FROM line_items li JOIN receipts r ON r.id = li.receipt_id JOIN analyst_brand_terms t
    WHERE li.receipt_id = new.id AND r.status = 'accepted' AND instr((' ' || replace(li.item, '.', ' ') || ' '), ' ' || t.phrase || ' ') > 0;
END;
CREATE TRIGGER receipts_analyst_ad AFTER DELETE ON receipts BEGIN
    DELETE FROM analyst_brand_items WHERE receipt_id = old.id;
END;
CREATE INDEX line_items_analyst_receipt ON line_items (receipt_id, item, amount);
CREATE INDEX line_items_analyst_item ON line_items (item, receipt_id, amount);

-- the brand matches of the line items already stored
DELETE FROM analyst_brand_items;
INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
SELECT li.id, b.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
FROM analyst_brands b
JOIN line_items_fts ON line_items_fts MATCH b.query
JOIN line_items li ON li.id = line_items_fts.rowid
JOIN receipts r ON r.id = li.receipt_id
WHERE r.status = 'accepted' AND EXISTS (
    SELECT 1 FROM analyst_brand_terms t
    WHERE t.brand = b.brand AND instr((' ' || replace(li.item, '.', ' ') || ' '), ' ' || t.phrase || ' ') > 0);
