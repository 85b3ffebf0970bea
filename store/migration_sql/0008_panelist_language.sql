-- replies in the panelist's language (panel/templates); existing panelists get theirs from the country
ALTER TABLE panelists ADD COLUMN language TEXT NOT NULL DEFAULT 'en';  -- en | de
UPDATE panelists SET language = 'de' WHERE upper(country) IN ('DE', 'AT', 'CH', 'LI');
