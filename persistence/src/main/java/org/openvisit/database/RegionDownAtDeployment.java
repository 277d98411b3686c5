package org.openvisit.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A regional store whose database cannot be reached while the application is being deployed (issue 18): the
 * application starts anyway and serves the other regions; that region's organizations get the region-unavailable page
 * (HTTP 503) until its database answers and its migrations ran ({@code OpenVisitDatabase} tries every minute).
 * <p>
 * Why this is needed: at deployment the application server opens an entity manager of every persistence unit to
 * validate it, and EclipseLink then logs in, asking the database which product it is. A region whose database is down
 * would stop the deployment, and so every region. Until the application has started ({@link #started}), a regional
 * data source that cannot connect therefore hands out this <em>stand-in</em> connection instead: it answers only what
 * that log-in asks (the product, by the configured URL: PostgreSQL or H2; its version left empty, so EclipseLink picks
 * its general platform for that product), and the pool's validation once; every statement, commit or rollback is
 * refused with the connection failure (SQL state 08001), so nothing can ever be read from or written to it. After the
 * start it fails the pool's validation too, and the pool discards it; a data source that cannot connect then throws,
 * as before. The global store never gets a stand-in: without it nothing works, so it must answer at deployment.
 */
final class RegionDownAtDeployment {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** What the pool and EclipseLink's log-in call on a connection, answered by the stand-in before the start. */
    private static final Set<String> ANSWERED = Set.of("getMetaData", "getAutoCommit", "setAutoCommit", "isReadOnly",
            "setReadOnly", "getTransactionIsolation", "setTransactionIsolation", "getHoldability", "getWarnings",
            "clearWarnings", "getCatalog", "getSchema", "getTypeMap", "getClientInfo", "setClientInfo");

    private RegionDownAtDeployment() {
    }

    /** The application has started (its first bean ran): from now on a database that is down is simply down. */
    static void started() {
        STARTED.set(true);
    }

    static boolean isStarted() {
        return STARTED.get();
    }

    /** For tests: back to "being deployed". */
    static void reset() {
        STARTED.set(false);
    }

    /**
     * The stand-in for {@code store}'s connection that failed with {@code failure}, or the failure itself when the
     * application has started already or the store is the global one.
     */
    static Connection standIn(String store, String url, SQLException failure) throws SQLException {
        if (STARTED.get() || store == null || store.isBlank() || "global".equals(store)) {
            throw failure;
        }
        java.util.logging.Logger.getLogger(RegionDownAtDeployment.class.getName()).warning(() -> "The " + store
                + " regional store's database cannot be reached while the application is deployed: the application "
                + "starts without it and serves the other regions; that region's organizations are refused with the "
                + "region-unavailable page until it answers (" + failure.getMessage() + ")");
        String product = url != null && url.startsWith("jdbc:h2:") ? "H2" : "PostgreSQL";
        Connection[] self = new Connection[1];
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(RegionDownAtDeployment.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> metaData(product, self[0], store,
                        failure, proxy, method, args));
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                String name = method.getName();
                switch (name) {
                    case "close" -> {
                        closed = true;
                        return null;
                    }
                    case "isClosed" -> {
                        return closed;
                    }
                    case "isValid" -> {
                        return false;
                    }
                    case "unwrap" -> throw new SQLException("Not a wrapper of " + args[0]);
                    case "isWrapperFor" -> {
                        return false;
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "toString" -> {
                        return "stand-in connection of the " + store + " regional store (its database is down)";
                    }
                    default -> {
                    }
                }
                if (!STARTED.get() && !closed && ANSWERED.contains(name)) {
                    return switch (name) {
                        case "getMetaData" -> meta;
                        case "getAutoCommit" -> true;
                        case "isReadOnly" -> false;
                        case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
                        case "getHoldability" -> java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
                        case "getTypeMap" -> new java.util.HashMap<String, Class<?>>();
                        case "getClientInfo" -> args == null ? new java.util.Properties() : null;
                        default -> null;
                    };
                }
                throw down(store, failure);
            }
        };
        self[0] = (Connection) Proxy.newProxyInstance(RegionDownAtDeployment.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        return self[0];
    }

    private static Object metaData(String product, Connection connection, String store, SQLException failure,
                                   Object proxy, Method method, Object[] args) throws SQLException {
        Class<?> type = method.getReturnType();
        return switch (method.getName()) {
            case "getDatabaseProductName" -> product;
            case "getConnection" -> connection;
            case "getURL", "getUserName" -> null;
            case "toString" -> "stand-in metadata of the " + store + " regional store";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> {
                if (type == String.class) {
                    yield "";
                } else if (type == int.class) {
                    yield 0;
                } else if (type == boolean.class) {
                    yield false;
                } else if (type == long.class) {
                    yield 0L;
                }
                throw down(store, failure); // result sets and the like: nothing to read
            }
        };
    }

    private static SQLException down(String store, SQLException failure) {
        return new SQLException("The " + store + " regional store's database cannot be reached.", "08001", failure);
    }
}
