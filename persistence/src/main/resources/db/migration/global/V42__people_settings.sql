-- For people (issue 17), global store:
-- * organization.patient_language: the language of the organization's patient-facing pages and messages when the
--   patient's browser asks for none OpenVisit speaks (a BCP 47 tag of en, zh-Hans-CN, zh-Hant-TW, ru; NULL: English);
-- * portal_account.must_change_password: set when an administrator reset the password (a one-time password shown
--   once): the person changes it at their next sign-in before any other page opens;
-- * portal_account.language: the language the person chose with the switcher, remembered per account (NULL: the
--   browser's).
ALTER TABLE organization ADD COLUMN patient_language VARCHAR(16);
ALTER TABLE portal_account ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE portal_account ADD COLUMN language VARCHAR(16);
