-- When the appointment is booked for, as the EHR's Appointment says (read once, at the first launch
-- that may read it): shown on the clinician's visit page; no other detail of the appointment is kept.
ALTER TABLE visit ADD COLUMN appointment_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE visit ADD COLUMN appointment_end TIMESTAMP WITH TIME ZONE;
