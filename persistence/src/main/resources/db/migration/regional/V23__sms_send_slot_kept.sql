-- A message that waits for its sending number's next free slot keeps that slot (issue 15): when it comes due it goes
-- at it, instead of taking a new slot behind every one taken meanwhile (with more messages due than one drain round
-- sends, the waiting ones were pushed back again and again and a rate-limited number, e.g. a long code at 1 a second,
-- hardly sent at all).
ALTER TABLE sms_send ADD COLUMN slot_kept BOOLEAN DEFAULT FALSE NOT NULL;
