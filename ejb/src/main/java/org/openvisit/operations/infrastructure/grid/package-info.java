/** The cluster as Payara's data grid sees it: how many nodes run now. */
package org.openvisit.operations.infrastructure.grid;
