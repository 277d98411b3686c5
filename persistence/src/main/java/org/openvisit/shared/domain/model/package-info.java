/**
 * Building blocks every context's model shares: the exceptions that say an input or a request
 * was refused, which every interface turns into a clear message (in the viewer's language when the refusal names its
 * words, {@link org.openvisit.shared.domain.model.WordedRefusal}), and the languages OpenVisit speaks
 * ({@link org.openvisit.shared.domain.model.Language}).
 */
package org.openvisit.shared.domain.model;
