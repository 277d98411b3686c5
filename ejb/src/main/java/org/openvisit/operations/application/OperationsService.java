package org.openvisit.operations.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import org.openvisit.tenant.domain.model.DataRegion;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.database.SchemaMigrator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Facts about the running installation, read fresh on every call. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OperationsService {

    private static final Logger LOG = Logger.getLogger(OperationsService.class.getName());
    private static final int QUERY_TIMEOUT_SECONDS = 3;

    @Resource(lookup = OpenVisitDatabase.JNDI_NAME)
    private DataSource dataSource;

    @EJB
    private OpenVisitDatabase database;

    /** The global store: queries its schema history table (proves the connection works and the schema is migrated). */
    public DatabaseStatus databaseStatus() {
        return status(dataSource, SchemaMigrator.HISTORY_TABLE, "global");
    }

    /** A region's store, the same way; not reachable while its migrations have not run on this node. */
    public DatabaseStatus storeStatus(DataRegion region) {
        if (!database.isReady(region)) {
            return new DatabaseStatus(false, null, null, 0);
        }
        return status(database.dataSource(region), SchemaMigrator.REGIONAL_HISTORY_TABLE, region.key());
    }

    private static DatabaseStatus status(DataSource dataSource, String historyTable, String store) {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select \"version\" from \""
                     + historyTable + "\" where \"success\" = true and \"version\" is not null"
                     + " order by \"installed_rank\" desc")) {
            query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            query.setMaxRows(1);
            String product = connection.getMetaData().getDatabaseProductName();
            try (ResultSet rs = query.executeQuery()) {
                String version = rs.next() ? rs.getString(1) : null;
                return new DatabaseStatus(true, product, version, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Database health query of the {0} store failed: {1}",
                    new Object[] {store, e.getMessage()});
            return new DatabaseStatus(false, null, null, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
