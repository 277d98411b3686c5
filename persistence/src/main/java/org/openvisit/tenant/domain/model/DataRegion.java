package org.openvisit.tenant.domain.model;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an organization's data lives (PRODUCT.md §7). Each region has its own database (its regional store).
 * <p>
 * Rows of a regional store that are reached by id alone (a visit from its join link, say) carry their region in
 * that id: {@link #newRecordId()} makes a random UUID of version 8 (RFC 9562's custom layout) whose next four bits
 * name the region ({@code xxxxxxxx-xxxx-8Rxx-...}, R = 1, 2 or 3), so the store is known without asking any
 * database. Ids made before the stores were split are version 4 and name no region.
 */
public enum DataRegion {
    AMERICAS("Americas", 1),
    EMEA("Europe, Middle East and Africa", 2),
    APAC("Asia-Pacific", 3);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String displayName;
    private final int code;

    DataRegion(String displayName, int code) {
        this.displayName = displayName;
        this.code = code;
    }

    public String displayName() {
        return displayName;
    }

    /** The region's name in configuration keys, JNDI names and database names: {@code americas}, {@code emea}, {@code apac}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A new random id that names this region (122 random bits less the region's four: 118). */
    public UUID newRecordId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) (0x80 | code); // version 8, then the region
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the RFC 9562 variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    /**
     * The id renamed to name this region: the same bits with this region's digit, as a region move renames the ids
     * that name the old region (visits, write-back tasks); an id that names no region as it is.
     */
    public UUID rename(UUID id) {
        if (ofRecordId(id).isEmpty()) {
            return id;
        }
        return new UUID((id.getMostSignificantBits() & ~0xf00L) | ((long) code << 8), id.getLeastSignificantBits());
    }

    /** The region an id names, or empty for an id that names none (made before the split, or elsewhere). */
    public static Optional<DataRegion> ofRecordId(UUID id) {
        if (id == null || id.version() != 8) {
            return Optional.empty();
        }
        int c = (int) ((id.getMostSignificantBits() >>> 8) & 0xf);
        return Arrays.stream(values()).filter(r -> r.code == c).findFirst();
    }

    /** Same as {@link #ofRecordId(UUID)} for an id in text; empty for text that is no UUID. */
    public static Optional<DataRegion> ofRecordId(String id) {
        try {
            return id == null ? Optional.empty() : ofRecordId(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
