-- Signed click ids name their invitation by a small number (4 bytes in the id) instead of its 25-character id,
-- so the id stays short in a URL. Numbered in insertion order; a trigger numbers every new invitation, however it
-- is inserted. Invitations are deactivated, never deleted, so max + 1 never hands out a number twice.
ALTER TABLE invitations ADD COLUMN click_ref INTEGER;

UPDATE invitations SET click_ref = rowid WHERE true;

CREATE UNIQUE INDEX invitations_click_ref ON invitations(click_ref);

CREATE TRIGGER invitations_click_ref AFTER INSERT ON invitations WHEN NEW.click_ref IS NULL
BEGIN
  UPDATE invitations SET click_ref = (SELECT coalesce(max(click_ref), 0) + 1 FROM invitations) WHERE id = NEW.id;
END;
