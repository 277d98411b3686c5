package org.openvisit.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away database for one test class: an in-memory H2, or a PostgreSQL database created on
 * the local server (127.0.0.1:5432, user postgres) and dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String POSTGRES_ADMIN_URL = System.getProperty("openvisit.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String POSTGRES_USER = System.getProperty("openvisit.test.postgres.user", "postgres");

    private final String url;
    private final String user;
    private final Runnable dropper;

    private TestDatabase(String url, String user, Runnable dropper) {
        this.url = url;
        this.user = user;
        this.dropper = dropper;
    }

    public static TestDatabase h2() {
        return new TestDatabase("jdbc:h2:mem:ov" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
                "sa", () -> { });
    }

    public static TestDatabase postgres() {
        String name = "openvisit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        String url = POSTGRES_ADMIN_URL.substring(0, POSTGRES_ADMIN_URL.lastIndexOf('/') + 1) + name;
        return new TestDatabase(url, POSTGRES_USER, () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run at " + POSTGRES_ADMIN_URL + " (user " + POSTGRES_USER
                    + ", trust auth) for these tests: " + e.getMessage(), e);
        }
    }

    public JdbcUrlDataSource dataSource() {
        JdbcUrlDataSource ds = new JdbcUrlDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        return ds;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        dropper.run();
    }
}
