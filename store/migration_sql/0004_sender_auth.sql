
        ALTER TABLE messages ADD COLUMN peer_ip TEXT;  -- the SMTP client, for SPF
        ALTER TABLE messages ADD COLUMN helo TEXT;
        ALTER TABLE messages ADD COLUMN auth TEXT;     -- sender authentication verdict, e.g. 'pass (verify: dkim=pass...)'
        