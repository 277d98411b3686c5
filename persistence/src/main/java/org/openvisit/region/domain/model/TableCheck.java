package org.openvisit.region.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * One regional table of a move, as the verification saw it in both stores: the organization's rows and their checksum
 * (see {@code RegionCopier}). It matches when both are equal.
 */
@Embeddable
public class TableCheck {

    @Column(name = "table_name", length = 64, nullable = false)
    private String table;

    @Column(name = "source_rows", nullable = false)
    private long sourceRows;

    @Column(name = "target_rows", nullable = false)
    private long targetRows;

    @Column(name = "source_checksum", length = 64, nullable = false)
    private String sourceChecksum;

    @Column(name = "target_checksum", length = 64, nullable = false)
    private String targetChecksum;

    protected TableCheck() {
        // for JPA
    }

    public TableCheck(String table, long sourceRows, String sourceChecksum, long targetRows, String targetChecksum) {
        this.table = Objects.requireNonNull(table);
        this.sourceRows = sourceRows;
        this.sourceChecksum = Objects.requireNonNull(sourceChecksum);
        this.targetRows = targetRows;
        this.targetChecksum = Objects.requireNonNull(targetChecksum);
    }

    public boolean matches() {
        return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
    }

    public String table() {
        return table;
    }

    public long sourceRows() {
        return sourceRows;
    }

    public long targetRows() {
        return targetRows;
    }

    public String sourceChecksum() {
        return sourceChecksum;
    }

    public String targetChecksum() {
        return targetChecksum;
    }
}
