package org.openvisit.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a store's URL follows from the configured one (openvisit.db.<region>.url defaults to openvisit.db.url). */
class JdbcUrlDataSourceStoreTest {

    @Test
    void anH2UrlNamesEachRegionsOwnDatabaseBesideTheGlobalOne() {
        String url = "jdbc:h2:file:./data/openvisit;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        assertThat(JdbcUrlDataSource.storeUrl(url, "global")).isEqualTo(url);
        assertThat(JdbcUrlDataSource.storeUrl(url, null)).isEqualTo(url);
        assertThat(JdbcUrlDataSource.storeUrl(url, "emea"))
                .isEqualTo("jdbc:h2:file:./data/openvisit-emea;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(JdbcUrlDataSource.storeUrl("jdbc:h2:mem:arquillian", "apac")).isEqualTo("jdbc:h2:mem:arquillian-apac");
    }

    @Test
    void anH2UrlThatNamesTheRegionAlreadyIsKept() {
        String url = "jdbc:h2:file:/srv/ov/openvisit-americas;WRITE_DELAY=0";
        assertThat(JdbcUrlDataSource.storeUrl(url, "americas")).isEqualTo(url);
    }

    @Test
    void anyOtherUrlIsUsedAsItIsSoOneDatabaseServesEveryStoreUntilRegionsAreConfigured() {
        String url = "jdbc:postgresql://db.example.org:5432/openvisit";
        assertThat(JdbcUrlDataSource.storeUrl(url, "emea")).isEqualTo(url);
    }
}
