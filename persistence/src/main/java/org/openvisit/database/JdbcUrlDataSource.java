package org.openvisit.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A plain {@link DataSource} configured by a JDBC URL alone, so that the database (H2 or
 * PostgreSQL) is chosen by configuration and not by code. The application server pools it.
 * The driver is found among the JDBC drivers visible to this class, by asking each whether it
 * accepts the URL; no driver class name has to be configured.
 */
public class JdbcUrlDataSource implements DataSource {

    /**
     * Called by the application's first bean once it runs: from then on a regional store whose database is down throws
     * at {@link #getConnection}; before (while the application is deployed) it gets a stand-in that lets the deployment
     * go on ({@link RegionDownAtDeployment}).
     */
    public static void applicationStarted() {
        RegionDownAtDeployment.started();
    }

    private String url;
    private String store;
    private String user;
    private String password;
    private int loginTimeoutSeconds;
    private PrintWriter logWriter;
    private volatile Driver driver;

    public void setUrl(String url) {
        this.url = url;
        this.driver = null;
    }

    /**
     * The store this data source serves: {@code global} (or unset) or a region's key ({@code americas}, {@code emea},
     * {@code apac}). An H2 URL given to a regional store names that store's own database beside the global one: the
     * database name gets the region's suffix ({@code .../openvisit} becomes {@code .../openvisit-emea}) unless it has
     * it already. Any other URL is used as it is (PostgreSQL: the same URL as the global store means one database).
     */
    public void setStore(String store) {
        this.store = store;
        this.driver = null;
    }

    public String getStore() {
        return store;
    }

    /**
     * The URL this data source connects to: a regional store's own {@code openvisit.db.<region>.url} (system property,
     * or environment variable {@code OPENVISIT_DB_<REGION>_URL}) when it is set, otherwise the configured URL as
     * {@link #setStore} says. (A regional store's settings are read here, not through MicroProfile Config in the data
     * source definition: Payara resolves those before the application's own configuration is there, and a key that is
     * set nowhere would leave the definition without a value.)
     */
    public String effectiveUrl() {
        return regional("url").orElseGet(() -> storeUrl(url, store));
    }

    private String effectiveUser() {
        return regional("user").orElse(user);
    }

    private String effectivePassword(String given) {
        return regional("password").orElse(given);
    }

    private java.util.Optional<String> regional(String setting) {
        if (store == null || store.isBlank() || "global".equals(store)) {
            return java.util.Optional.empty();
        }
        String key = "openvisit.db." + store + "." + setting;
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }

    static String storeUrl(String url, String store) {
        if (url == null || store == null || store.isBlank() || "global".equals(store) || !url.startsWith("jdbc:h2:")) {
            return url;
        }
        int options = url.indexOf(';');
        String base = options < 0 ? url : url.substring(0, options);
        String rest = options < 0 ? "" : url.substring(options);
        String suffix = "-" + store;
        return base.endsWith(suffix) ? url : base + suffix + rest;
    }

    /** Same as {@link #setUrl}; application servers spell the property either way. */
    public void setURL(String url) {
        setUrl(url);
    }

    public String getUrl() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(effectiveUser(), effectivePassword(password));
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        Properties properties = new Properties();
        if (username != null && !username.isEmpty()) {
            properties.setProperty("user", username);
        }
        if (pass != null && !pass.isEmpty()) {
            properties.setProperty("password", pass);
        }
        String target = effectiveUrl();
        if (target != null && target.startsWith("jdbc:postgresql:")) {
            // names the pool in pg_stat_activity, so a database administrator sees which store holds connections
            properties.setProperty("ApplicationName", "openvisit-" + (store == null || store.isBlank() ? "global" : store));
        }
        Connection connection;
        try {
            connection = driver().connect(target, properties);
        } catch (SQLException e) {
            // a regional store that is down while the application is deployed: see RegionDownAtDeployment
            return RegionDownAtDeployment.standIn(store, target, e);
        }
        if (connection == null) {
            throw new SQLException("The JDBC driver refused the configured database URL.");
        }
        return connection;
    }

    private Driver driver() throws SQLException {
        Driver found = driver;
        if (found != null) {
            return found;
        }
        if (url == null || url.isBlank()) {
            throw new SQLException("No database URL is configured (openvisit.db.url / OPENVISIT_DB_URL).");
        }
        for (Driver candidate : ServiceLoader.load(Driver.class, JdbcUrlDataSource.class.getClassLoader())) {
            if (candidate.acceptsURL(effectiveUrl())) {
                driver = candidate;
                return candidate;
            }
        }
        // The URL itself is not logged: it may carry credentials.
        throw new SQLException("No JDBC driver accepts the configured database URL; OpenVisit ships drivers for "
                + "jdbc:h2: and jdbc:postgresql: URLs.");
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
