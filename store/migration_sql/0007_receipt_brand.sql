
        ALTER TABLE receipts ADD COLUMN merchant_raw TEXT;    -- the merchant line or web address as printed
        ALTER TABLE receipts ADD COLUMN brand_wikidata TEXT;  -- the brand's Wikidata id ('Q125054'), NULL if unknown
        