-- Shared EHRs (issue 13): one FHIR base URL may be registered by several organizations (Epic Community
-- Connect, one Oracle Health domain for several hospitals), but only as a shared EHR that the organization's
-- administrator confirmed; the endpoint keeps that choice (and its history row says when it was made).
-- Endpoints registered before this migration were never asked: not confirmed.
ALTER TABLE fhir_endpoint ADD COLUMN shared_ehr BOOLEAN DEFAULT FALSE NOT NULL;
