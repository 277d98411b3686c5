package org.openvisit.secrets.domain.model;

import java.util.Optional;

/** The installation's secrets, one per purpose. */
public interface InstallationSecretRepository {

    /** Stores the secret and flushes; a second secret for the same purpose fails here. */
    void add(InstallationSecret secret);

    Optional<InstallationSecret> find(String purpose);
}
