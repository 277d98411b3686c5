-- SMS notifications (issue 15): the per-number sending rate, shared by every node (regional store, beside the send
-- schedule it paces). One row per sending number (the organization's number, not a patient's): the earliest time its
-- next scheduled message may go to the carrier, and how many carrier failures (429, 5xx, unreachable) came one after
-- the other, for the back-off. The send job locks the rows of a batch's numbers (FOR UPDATE, in number order) in the
-- transaction that claims the batch, so two nodes never hand the same number's messages over faster than its rate.
CREATE TABLE sms_number_pace (
    from_number   VARCHAR(16)              NOT NULL,
    next_free_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    failures      INTEGER                  NOT NULL,
    CONSTRAINT pk_sms_number_pace PRIMARY KEY (from_number)
);
