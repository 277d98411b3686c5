package org.openvisit.database;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The global store's revoked join links on their way to the regional stores (global V44, regional V18): read for a
 * regional migration and dropped once every region has its own. Each call is a transaction of its own on the global
 * store (REQUIRES_NEW): a regional migration that runs from the once-a-minute retry has its regional connection in the
 * timer's transaction already, and Payara enlists one non-XA resource per transaction.
 */
@Stateless
public class RevokedLinksLeavingGlobal {

    @Resource(lookup = OpenVisitDatabase.JNDI_NAME)
    private DataSource global;

    /** The links still in the global store (none once its table is dropped). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<V18__revoked_join_links_move_in.Revocation> read() {
        return V18__revoked_join_links_move_in.readLeaving(global);
    }

    /** Drops the global table: only once every regional store ran regional V18. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void drop() throws SQLException {
        V18__revoked_join_links_move_in.dropLeaving(global);
    }
}
