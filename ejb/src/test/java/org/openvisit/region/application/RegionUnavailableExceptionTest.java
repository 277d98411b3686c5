package org.openvisit.region.application;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Telling a store that is down from a statement that met a unique key in a working one. */
class RegionUnavailableExceptionTest {

    @Test
    void aConnectionThatCannotBeHadIsTheStoresFailure() {
        assertThat(RegionUnavailableException.isStoreFailure(new PersistenceException(
                new SQLException("Error in allocating a connection")))).isTrue();
        assertThat(RegionUnavailableException.isStoreFailure(new RuntimeException(
                new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(RegionUnavailableException.isStoreFailure(new jakarta.ejb.EJBException(
                new jakarta.resource.ResourceException("pool")))).isTrue();
    }

    @Test
    void aUniqueKeyOrASerializationFailureIsNot() {
        assertThat(RegionUnavailableException.isStoreFailure(new PersistenceException(
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(RegionUnavailableException.isStoreFailure(new PersistenceException(
                new SQLException("could not serialize", "40001")))).isFalse();
        assertThat(RegionUnavailableException.isStoreFailure(new jakarta.persistence.OptimisticLockException("v"))).isFalse();
        assertThat(RegionUnavailableException.isStoreFailure(new IllegalStateException("no"))).isFalse();
    }
}
