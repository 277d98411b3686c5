package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.ConsentAction;
import org.openvisit.notify.domain.model.ConsentKind;

import java.io.Serializable;
import java.time.Instant;

/** One grant or withdrawal of an SMS consent. */
public record ConsentChangeView(ConsentKind kind, ConsentAction action, String by, Instant at) implements Serializable {
}
