/**
 * JPA repositories of the write-back outbox, with the claim's native {@code FOR UPDATE SKIP LOCKED}
 * query (the same SQL on PostgreSQL and H2).
 */
package org.openvisit.writeback.infrastructure.persistence;
