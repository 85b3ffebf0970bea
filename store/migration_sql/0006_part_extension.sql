
        ALTER TABLE message_parts RENAME COLUMN filename TO extension;
        UPDATE message_parts SET extension = lower(substr(extension, instr(extension, '.') + 1))
            WHERE extension LIKE '%.%';
        