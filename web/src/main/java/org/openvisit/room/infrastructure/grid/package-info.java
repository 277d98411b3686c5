/**
 * The live rooms and their messages in Payara's data grid (Hazelcast, looked up as {@code payara/Hazelcast}):
 * one map entry per live visit, one topic per visit, and the news of a node that left the cluster.
 */
package org.openvisit.room.infrastructure.grid;
