/**
 * Write-back to the EHR: the outbox observer (tasks in the visit event's transaction), the relay that
 * claims and delivers them on every node (back-off, per-endpoint circuit breaker), the queue service
 * for the portal, the backend keys, and the {@link org.openvisit.writeback.application.EhrWriteBack} port.
 */
package org.openvisit.writeback.application;
