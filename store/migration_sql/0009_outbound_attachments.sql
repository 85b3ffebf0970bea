-- files a reply carries (EXPORT: the panelist's own data); deleted once the reply is sent or given up
CREATE TABLE outbound_attachments (
    id INTEGER PRIMARY KEY,
    outbound_id INTEGER NOT NULL REFERENCES outbound(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,     -- e.g. 'text/csv'
    content BLOB NOT NULL
);
CREATE INDEX outbound_attachments_outbound ON outbound_attachments (outbound_id);
