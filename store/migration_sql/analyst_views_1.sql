DROP VIEW IF EXISTS v_receipts;
DROP VIEW IF EXISTS v_spend_by_month_category;
DROP VIEW IF EXISTS v_spend_by_merchant;
DROP VIEW IF EXISTS v_shopping_hours;
DROP VIEW IF EXISTS v_items;
DROP VIEW IF EXISTS v_brand_mentions;

-- one row per accepted receipt; the date and time are the shop's, as printed; merchant is the
-- canonical brand where the brand directory knows it, merchant_raw the name as printed
CREATE VIEW v_receipts AS
SELECT r.id AS receipt_id,
       (SELECT pseudonym FROM analyst_pseudonyms p WHERE p.panelist_id = r.panelist_id) AS panelist,
       r.merchant, r.merchant_raw, r.brand_wikidata, r.category,
       r.purchase_date, r.purchase_time,
       substr(r.purchase_date, 1, 7) AS month,
       CAST(strftime('%w', r.purchase_date) AS INTEGER) AS weekday,
       CASE CAST(strftime('%w', r.purchase_date) AS INTEGER) WHEN 0 THEN 'Sun' WHEN 1 THEN 'Mon' WHEN 2 THEN 'Tue' WHEN 3 THEN 'Wed'
            WHEN 4 THEN 'Thu' WHEN 5 THEN 'Fri' WHEN 6 THEN 'Sat' END AS weekday_name,
       CAST(substr(r.purchase_time, 1, 2) AS INTEGER) AS hour,
       r.currency,
       round(r.total * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS total,
       round(r.subtotal * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS subtotal,
       round(r.tax * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS tax,
       round(r.tip * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS tip,
       (SELECT count(*) FROM line_items li WHERE li.receipt_id = r.id) AS items,
       r.panel_month
FROM receipts r
WHERE r.status = 'accepted';

CREATE VIEW v_spend_by_month_category AS
SELECT substr(r.purchase_date, 1, 7) AS month,
       r.category,
       r.currency,
       count(*) AS receipts,
       count(DISTINCT r.panelist_id) AS panelists,
       round(sum(r.total) * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS spend,
       round(avg(r.total) * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS avg_basket
FROM receipts r
WHERE r.status = 'accepted'
GROUP BY substr(r.purchase_date, 1, 7), r.category, r.currency;

CREATE VIEW v_spend_by_merchant AS
SELECT r.merchant,
       r.currency,
       count(*) AS receipts,
       count(DISTINCT r.panelist_id) AS panelists,
       round(sum(r.total) * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS spend,
       round(avg(r.total) * 1.0 / (CASE (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(r.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS avg_basket,
       min(r.purchase_date) AS first_date,
       max(r.purchase_date) AS last_date
FROM receipts r
WHERE r.status = 'accepted'
GROUP BY r.merchant, r.currency;

-- receipts by hour of day x weekday (0 = Sunday), from the time printed on the receipt
CREATE VIEW v_shopping_hours AS
SELECT CAST(strftime('%w', r.purchase_date) AS INTEGER) AS weekday,
       CASE CAST(strftime('%w', r.purchase_date) AS INTEGER) WHEN 0 THEN 'Sun' WHEN 1 THEN 'Mon' WHEN 2 THEN 'Tue' WHEN 3 THEN 'Wed'
            WHEN 4 THEN 'Thu' WHEN 5 THEN 'Fri' WHEN 6 THEN 'Sat' END AS weekday_name,
       CAST(substr(r.purchase_time, 1, 2) AS INTEGER) AS hour,
       count(*) AS receipts,
       count(DISTINCT r.panelist_id) AS panelists
FROM receipts r
WHERE r.status = 'accepted' AND CAST(strftime('%w', r.purchase_date) AS INTEGER) IS NOT NULL AND CAST(substr(r.purchase_time, 1, 2) AS INTEGER) IS NOT NULL
GROUP BY CAST(strftime('%w', r.purchase_date) AS INTEGER), CAST(substr(r.purchase_time, 1, 2) AS INTEGER);

-- one row per line item of an accepted receipt (triggers keep line items for those only): read
-- from line_items alone, the receipt's columns through scalar subqueries, evaluated only when asked for
CREATE VIEW v_items AS
SELECT li.id AS item_id,
       li.receipt_id,
       (SELECT p.pseudonym FROM receipts r JOIN analyst_pseudonyms p ON p.panelist_id = r.panelist_id
        WHERE r.id = li.receipt_id) AS panelist,
       (SELECT merchant FROM receipts r WHERE r.id = li.receipt_id) AS merchant,
       (SELECT category FROM receipts r WHERE r.id = li.receipt_id) AS category,
       (SELECT purchase_date FROM receipts r WHERE r.id = li.receipt_id) AS purchase_date,
       li.month,
       li.position,
       li.description,
       li.item,
       li.quantity,
       round(li.unit_price * 1.0 / (CASE (CASE upper(li.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(li.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS unit_price,
       round(li.amount * 1.0 / (CASE (CASE upper(li.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(li.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS amount,
       li.currency
FROM line_items li;

-- item descriptions naming a brand of the configured list (whole words, case and punctuation
-- ignored); read from analyst_brand_items, the item and receipt columns only when asked for
CREATE VIEW v_brand_mentions AS
SELECT bi.brand,
       bi.item_id,
       bi.receipt_id,
       (SELECT pseudonym FROM analyst_pseudonyms p WHERE p.panelist_id = bi.panelist_id) AS panelist,
       bi.month,
       bi.currency,
       round(bi.amount * 1.0 / (CASE (CASE upper(bi.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END) WHEN 0 THEN 1 WHEN 3 THEN 1000 ELSE 100 END), (CASE upper(bi.currency) WHEN 'BHD' THEN 3 WHEN 'CLP' THEN 0 WHEN 'ISK' THEN 0 WHEN 'JOD' THEN 3 WHEN 'JPY' THEN 0 WHEN 'KRW' THEN 0 WHEN 'KWD' THEN 3 WHEN 'OMR' THEN 3 WHEN 'TND' THEN 3 WHEN 'VND' THEN 0 ELSE 2 END)) AS amount,
       (SELECT description FROM line_items li WHERE li.id = bi.item_id) AS description,
       (SELECT quantity FROM line_items li WHERE li.id = bi.item_id) AS quantity,
       (SELECT merchant FROM receipts r WHERE r.id = bi.receipt_id) AS merchant,
       (SELECT category FROM receipts r WHERE r.id = bi.receipt_id) AS category,
       (SELECT purchase_date FROM receipts r WHERE r.id = bi.receipt_id) AS purchase_date
FROM analyst_brand_items bi;
