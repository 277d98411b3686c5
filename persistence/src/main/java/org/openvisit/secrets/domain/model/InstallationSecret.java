package org.openvisit.secrets.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret of the whole installation for one purpose (such as the key appointment ids are hashed
 * with), stored once and only sealed under the master key. Every node of a cluster reads the same.
 */
@Entity
@Table(name = "installation_secret")
public class InstallationSecret {

    @Id
    @Column(name = "purpose", length = 64, nullable = false, updatable = false)
    private String purpose;

    @Column(name = "sealed_value", length = 512, nullable = false, updatable = false)
    private String sealedValue;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected InstallationSecret() {
        // for JPA
    }

    public InstallationSecret(String purpose, String sealedValue, Instant createdAt) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.sealedValue = Objects.requireNonNull(sealedValue, "sealedValue");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public String purpose() {
        return purpose;
    }

    public String sealedValue() {
        return sealedValue;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
