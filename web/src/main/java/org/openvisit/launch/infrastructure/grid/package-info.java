/**
 * The launch's browser states in Payara's data grid: what a browser's launches and join links left behind, shared by
 * every node.
 */
package org.openvisit.launch.infrastructure.grid;
