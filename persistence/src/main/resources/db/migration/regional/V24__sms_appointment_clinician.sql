-- The clinician's name an appointment's messages may use (issue 15: "no clinician name unless the organization's
-- template adds it"), as the EHR's feed writes it for patients (HL7v2 AIP-3, FHIR the Practitioner participant's
-- display), sealed under the installation's master key like the patient's number and forgotten with it once the
-- appointment is over or cancelled.
ALTER TABLE sms_appointment ADD COLUMN clinician_sealed VARCHAR(400);
