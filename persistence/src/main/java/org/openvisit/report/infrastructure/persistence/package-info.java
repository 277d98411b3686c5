/**
 * JPA adapters of the report model: the visit summaries of one regional store and the report queries over them
 * (counts and percentiles in SQL, or from the hour figures and their marks; pages sorted and cut in the database,
 * one index per sortable column); the issued reports tokens (global store).
 */
package org.openvisit.report.infrastructure.persistence;
