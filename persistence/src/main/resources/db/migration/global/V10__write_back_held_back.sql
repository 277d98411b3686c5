-- Write-back claim that stays cheap however long the backlog (issue 7, PostgreSQL drain). A task that
-- waits behind an earlier, undone event of its visit is marked held_back when it is made (the outbox
-- locks the previous task's row for that) and let through in the transaction that delivers or discards
-- the previous one. The claim then reads one index range in due order (status, held_back,
-- next_attempt_at) and stops after the batch, with no per-row look at the visit's earlier events,
-- whatever plan the database picks and whether or not the table was ever analysed.
ALTER TABLE writeback_task ADD COLUMN held_back BOOLEAN DEFAULT FALSE NOT NULL;

UPDATE writeback_task SET held_back = TRUE
 WHERE status = 'PENDING'
   AND EXISTS (SELECT 1 FROM writeback_task e
                WHERE e.visit_id = writeback_task.visit_id AND e.sequence_no = writeback_task.sequence_no - 1
                  AND e.status IN ('PENDING', 'IN_FLIGHT', 'RETRYING', 'FAILED'));

DROP INDEX ix_writeback_task_due;
CREATE INDEX ix_writeback_task_claim ON writeback_task (status, held_back, next_attempt_at);
