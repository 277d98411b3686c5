-- SMS quiet hours (issue 15), global store: per endpoint, the hours of the day (HH:mm, in the endpoint's time zone)
-- in which no message is sent to patients; a message due in them waits for their end. Both NULL: none.
ALTER TABLE sms_endpoint_settings ADD COLUMN quiet_from VARCHAR(5);
ALTER TABLE sms_endpoint_settings ADD COLUMN quiet_until VARCHAR(5);
