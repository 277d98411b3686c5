/** The write-back's state that every node shares through Payara's data grid: the endpoints' open circuits. */
package org.openvisit.writeback.infrastructure.grid;
