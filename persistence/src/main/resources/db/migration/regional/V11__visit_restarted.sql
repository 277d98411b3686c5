-- A clinician may start an ended visit again (issue 17): visit_event may be VISIT_RESTARTED (the visit goes from
-- ENDED back to SCHEDULED; its events go on numbered after the end). No new column, no new table.
ALTER TABLE visit_event DROP CONSTRAINT ck_visit_event_type;
ALTER TABLE visit_event ADD CONSTRAINT ck_visit_event_type CHECK (event_type IN ('LOBBY_JOINED', 'ADMITTED',
    'CONNECTED', 'DISCONNECTED', 'LEFT', 'REMOVED', 'DEVICE_TEST', 'VISIT_ENDED', 'SMS_SENT', 'VISIT_RESTARTED'));
