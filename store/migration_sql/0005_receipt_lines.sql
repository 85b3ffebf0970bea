
        -- the receipt's text lines AFTER redaction, with their boxes: what `receiptctl reprocess`
        -- extracts again after an upgrade (the photo itself is never kept)
        CREATE TABLE receipt_lines (
            receipt_id INTEGER PRIMARY KEY REFERENCES receipts(id) ON DELETE CASCADE,
            lines TEXT NOT NULL           -- JSON: [{"text", "box", "confidence", "words": [...]}]
        );
        