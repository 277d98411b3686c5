-- Retention tighter per organization (issue 18): how many days this organization's visits are kept, when it keeps
-- them for less than the installation does; none: the installation's openvisit.retention.visit-days.
ALTER TABLE organization ADD COLUMN visit_retention_days INTEGER;
