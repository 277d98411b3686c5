-- The report sweep (report.application.VisitSummarySweep) looks once a minute for recent visits without a summary: it
-- reads the visits created in the last day through this index instead of every visit of the store.
CREATE INDEX ix_visit_created ON visit (created_at);
