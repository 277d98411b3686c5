package org.openvisit.shared.domain.model;

import java.util.Optional;

/**
 * A refusal that names its words by a code ({@code password.tooShort}) and their arguments, so that a page can say it
 * in the viewer's language (key {@code refusal.<code>} of the shared portal texts); the exception's own message stays
 * the English for the API and the logs. A refusal without a code is shown by its message.
 */
public interface WordedRefusal {

    Optional<String> code();

    Object[] arguments();
}
