-- SMS appointment feed over HTTPS, the certificate way (issue 15), global store: per endpoint, the X.509 certificate
-- of the EHR's interface engine (public data: base64 of its DER, at most 16 kB before encoding), whose private key
-- signs each message (SHA256withRSA or SHA256withECDSA), and who uploaded it when. NULL: no certificate (the feed
-- secret alone, if any, is checked). No private key and no patient data.
ALTER TABLE sms_endpoint_settings ADD COLUMN feed_certificate VARCHAR(22000);
ALTER TABLE sms_endpoint_settings ADD COLUMN feed_certificate_by VARCHAR(508);
ALTER TABLE sms_endpoint_settings ADD COLUMN feed_certificate_at TIMESTAMP WITH TIME ZONE;
