/**
 * The write-back outbox: one delivery task per visit event, its guarded status, its attempts, and the
 * write-back settings (adapter, backend key pair) of each endpoint.
 */
package org.openvisit.writeback.domain.model;
