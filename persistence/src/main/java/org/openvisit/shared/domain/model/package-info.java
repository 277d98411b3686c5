/**
 * Building blocks every context's model shares: the exceptions that say an input or a request
 * was refused, which every interface turns into a clear message.
 */
package org.openvisit.shared.domain.model;
