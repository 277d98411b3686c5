package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.ConsentKind;

import java.io.Serializable;
import java.time.Instant;

/** One of the organization's two SMS consents: given or not, and if given by whom (portal username) and when. */
public record ConsentView(ConsentKind kind, boolean given, String by, Instant at) implements Serializable {
}
