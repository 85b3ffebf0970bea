DROP VIEW v_items;  -- on a fresh file 0103 made it with the columns added here

-- line items exist for accepted receipts only (records.replace_line_items writes none for others)
DELETE FROM line_items WHERE receipt_id NOT IN (SELECT id FROM receipts WHERE status = 'accepted');
CREATE TRIGGER line_items_accepted_bi BEFORE INSERT ON line_items WHEN (SELECT status FROM receipts WHERE id = new.receipt_id) IS NOT 'accepted' BEGIN
    SELECT RAISE(ABORT, 'line items belong to accepted receipts only');
END;
CREATE TRIGGER line_items_accepted_bu BEFORE UPDATE OF receipt_id ON line_items WHEN (SELECT status FROM receipts WHERE id = new.receipt_id) IS NOT 'accepted' BEGIN
    SELECT RAISE(ABORT, 'line items belong to accepted receipts only');
END;
CREATE TRIGGER receipts_items_status AFTER UPDATE OF status ON receipts WHEN new.status IS NOT 'accepted' BEGIN
    DELETE FROM line_items WHERE receipt_id = new.id;
END;

-- the receipt's month and currency, copied onto its line items: v_items filters and groups on
-- them without reading receipts
ALTER TABLE line_items ADD COLUMN month TEXT;       -- YYYY-MM of the receipt's purchase date
ALTER TABLE line_items ADD COLUMN currency TEXT;
UPDATE line_items SET (month, currency) = (SELECT substr(r.purchase_date, 1, 7), r.currency FROM receipts r WHERE r.id = line_items.receipt_id);
DROP TRIGGER line_items_analyst_ai;
DROP TRIGGER line_items_analyst_au;
CREATE TRIGGER line_items_analyst_ai AFTER INSERT ON line_items BEGIN
    UPDATE line_items SET item = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.description) || ' ', '. ', ' '), ',', ' '), '*', ' '), '#', ' '), '-', ' '), '/', ' '), '_', ' '), '+', ' '), '"', ' '), '''', ' '), '(', ' '), ')', ' '), ':', ' '), ';', ' '), '!', ' '), '  ', ' '), '  ', ' '), '  ', ' ')), (month, currency) = (SELECT substr(r.purchase_date, 1, 7), r.currency FROM receipts r WHERE r.id = new.receipt_id) WHERE id = new.id;
    INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
    SELECT li.id, t.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
    FROM line_items li JOIN receipts r ON r.id = li.receipt_id JOIN analyst_brand_terms t
    WHERE li.id = new.id AND r.status = 'accepted' AND instr((' ' || replace(li.item, '.', ' ') || ' '), ' ' || t.phrase || ' ') > 0;
END;
CREATE TRIGGER line_items_analyst_au AFTER UPDATE OF description, amount, receipt_id ON line_items BEGIN
    UPDATE line_items SET item = trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(new.description) || ' ', '. ', ' '), ',', ' '), '*', ' '), '#', ' '), '-', ' '), '/', ' '), '_', ' '), '+', ' '), '"', ' '), '''', ' '), '(', ' '), ')', ' '), ':', ' '), ';', ' '), '!', ' '), '  ', ' '), '  ', ' '), '  ', ' ')), (month, currency) = (SELECT substr(r.purchase_date, 1, 7), r.currency FROM receipts r WHERE r.id = new.receipt_id) WHERE id = new.id;
    DELETE FROM analyst_brand_items WHERE item_id = old.id;
    INSERT OR IGNORE INTO analyst_brand_items (item_id, brand, receipt_id, month, currency, amount, panelist_id)
    SELECT li.id, t.brand, r.id, substr(r.purchase_date, 1, 7), r.currency, li.amount, r.panelist_id
    FROM line_items li JOIN receipts r ON r.id = li.receipt_id JOIN analyst_brand_terms t
    WHERE li.id = new.id AND r.status = 'accepted' AND instr((' ' || replace(li.item, '.', ' ') || ' '), ' ' || t.phrase || ' ') > 0;
END;
CREATE TRIGGER receipts_items_au AFTER UPDATE OF purchase_date, currency ON receipts
WHEN new.purchase_date IS NOT old.purchase_date OR new.currency IS NOT old.currency BEGIN
    UPDATE line_items SET (month, currency) = (substr(new.purchase_date, 1, 7), new.currency) WHERE receipt_id = new.id;
END;
-- covering v_items by month and by item (receipt lookups use line_items_receipt)
DROP INDEX line_items_analyst_receipt;
DROP INDEX line_items_analyst_item;
CREATE INDEX line_items_analyst_month ON line_items (month, item, currency, amount);
CREATE INDEX line_items_analyst_item_month ON line_items (item, month, currency, amount);
