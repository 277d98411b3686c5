/**
 * What every context's services share: the shape of a node's scheduled rounds
 * ({@link org.openvisit.shared.application.ScheduledRounds}).
 */
package org.openvisit.shared.application;
