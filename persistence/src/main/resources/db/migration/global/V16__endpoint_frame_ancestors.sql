-- Embedded launch (issue 13): the sites that may show an endpoint's launch and visit pages in a frame
-- (Content-Security-Policy frame-ancestors), space-separated origins in normal form. NULL: the default,
-- the site of the endpoint's FHIR base URL. Changing it is recorded in the endpoint's history as
-- SET_FRAME_ANCESTORS (the status stays as it is).
ALTER TABLE fhir_endpoint ADD COLUMN frame_ancestors VARCHAR(2000);

ALTER TABLE fhir_endpoint_status_change DROP CONSTRAINT ck_fhir_endpoint_status_change_action;
ALTER TABLE fhir_endpoint_status_change ADD CONSTRAINT ck_fhir_endpoint_status_change_action
    CHECK (action IN ('CREATE', 'EDIT', 'SUBMIT', 'RECORD_EHR_VERIFICATION', 'APPROVE', 'REJECT', 'WITHDRAW',
                      'SET_FRAME_ANCESTORS'));
