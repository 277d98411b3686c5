package org.openvisit.database;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Regional schema version 18 (issue 18): the revoked join links that were in the global store (global V17, renamed
 * {@value #LEAVING} by global V44) come to the regional store of their visit (regional V17 made the table). A link is
 * copied into this store when its visit is in this store's {@code visit} table (so the region decides, with ids made
 * before the split too) and it has not expired; a link already here is left as it is (a migration run again, or the
 * same database holding every store). The global rows are read on this store's own connection when the table is in
 * this database (PostgreSQL without regional URLs), otherwise handed in by the application, which reads them from the
 * global store ({@link #readLeaving}) and drops the global table once every region ran this version
 * ({@link #dropLeaving}). In Java because the rows come from another database. Registered by {@link SchemaMigrator}.
 */
public class V18__revoked_join_links_move_in extends BaseJavaMigration {

    /** The global store's table of revoked links until every regional store took its own. */
    public static final String LEAVING = "revoked_join_link_leaving";

    /** One revoked link as the global store kept it. */
    public record Revocation(String linkId, String visitId, Instant expiresAt) {
        public Revocation {
            Objects.requireNonNull(linkId, "linkId");
            Objects.requireNonNull(visitId, "visitId");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** No global store at hand (tools, tests of one store): nothing to bring in unless the table is in this database. */
    public static final Supplier<List<Revocation>> NONE = List::of;

    private final Supplier<List<Revocation>> fromGlobal;

    /** @param fromGlobal the global store's revoked links, asked for only when they are not in this database */
    public V18__revoked_join_links_move_in(Supplier<List<Revocation>> fromGlobal) {
        this.fromGlobal = Objects.requireNonNull(fromGlobal, "fromGlobal");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<Revocation> links = V29__regional_tables_leave_global.exists(connection, LEAVING)
                ? readLeaving(connection) : fromGlobal.get();
        Instant now = Instant.now();
        try (PreparedStatement ours = connection.prepareStatement("SELECT COUNT(*) FROM visit WHERE id = ?");
             PreparedStatement here = connection.prepareStatement(
                     "SELECT COUNT(*) FROM revoked_join_link WHERE link_id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO revoked_join_link (link_id, visit_id, expires_at) VALUES (?, ?, ?)")) {
            for (Revocation link : links) {
                if (!link.expiresAt().isAfter(now) || !holds(ours, link.visitId()) || holds(here, link.linkId())) {
                    continue;
                }
                insert.setString(1, link.linkId());
                insert.setString(2, link.visitId());
                insert.setObject(3, OffsetDateTime.ofInstant(link.expiresAt(), ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
    }

    /** The revoked links still in the global store's {@value #LEAVING} (none once it is dropped). */
    public static List<Revocation> readLeaving(DataSource global) {
        try (Connection connection = global.getConnection()) {
            return V29__regional_tables_leave_global.exists(connection, LEAVING) ? readLeaving(connection) : List.of();
        } catch (SQLException e) {
            throw new IllegalStateException("The global store's revoked join links could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** Drops the global store's {@value #LEAVING}: only once every regional store ran this version. */
    public static void dropLeaving(DataSource global) throws SQLException {
        try (Connection connection = global.getConnection()) {
            if (V29__regional_tables_leave_global.exists(connection, LEAVING)) {
                try (Statement ddl = connection.createStatement()) {
                    // IF EXISTS: two nodes starting at once on a fresh database both find it and drop it
                    ddl.execute("DROP TABLE IF EXISTS " + LEAVING);
                }
            }
        }
    }

    private static List<Revocation> readLeaving(Connection connection) throws SQLException {
        List<Revocation> links = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT link_id, visit_id, expires_at FROM " + LEAVING)) {
            while (r.next()) {
                links.add(new Revocation(r.getString(1), r.getString(2),
                        r.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
        return links;
    }

    private static boolean holds(PreparedStatement count, String id) throws SQLException {
        count.setString(1, id);
        try (ResultSet r = count.executeQuery()) {
            r.next();
            return r.getLong(1) > 0;
        }
    }
}
