package org.openvisit.report.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The columns of the reports' visits table a portal account showed or hid (global store), by the columns' ids. A
 * column the account never touched follows the page's default, so that a column added later appears as its default
 * says.
 */
@Entity
@Table(name = "report_column_choice")
public class ColumnChoice {

    /** A column id as the page names its columns. */
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,23}");
    /** More choices than the table has columns cannot be one (40 ids of 24 characters fit the columns). */
    public static final int MAX_COLUMNS = 40;

    @Id
    @Column(name = "account_id", length = 36, nullable = false, updatable = false)
    private String accountId;

    @Column(name = "shown", length = 1000, nullable = false)
    private String shown = "";

    @Column(name = "hidden", length = 1000, nullable = false)
    private String hidden = "";

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ColumnChoice() {
        // for JPA
    }

    public static ColumnChoice of(UUID accountId, Instant at) {
        ColumnChoice c = new ColumnChoice();
        c.accountId = Objects.requireNonNull(accountId, "accountId").toString();
        c.updatedAt = Objects.requireNonNull(at, "at");
        return c;
    }

    /**
     * Remembers a column shown or hidden.
     *
     * @throws InvalidValueException not a column id, or more columns than a table has
     */
    public void choose(String column, boolean visible, Instant at) {
        if (column == null || !COLUMN.matcher(column).matches()) {
            throw new InvalidValueException("column", "Not a column of the table.");
        }
        Map<String, Boolean> all = choices();
        all.put(column, visible);
        if (all.size() > MAX_COLUMNS) {
            throw new InvalidValueException("column", "Not a column of the table.");
        }
        shown = joined(all, true);
        hidden = joined(all, false);
        updatedAt = Objects.requireNonNull(at, "at");
    }

    /** The account's choices: column id to shown (true) or hidden (false). */
    public Map<String, Boolean> choices() {
        Map<String, Boolean> all = new TreeMap<>();
        split(shown).forEach(c -> all.put(c, true));
        split(hidden).forEach(c -> all.put(c, false));
        return all;
    }

    /** Whether the account chose to show or hide the column; empty when it never did. */
    public Optional<Boolean> visible(String column) {
        return Optional.ofNullable(choices().get(column));
    }

    public UUID accountId() {
        return UUID.fromString(accountId);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    private static java.util.stream.Stream<String> split(String list) {
        return list == null || list.isEmpty() ? java.util.stream.Stream.empty() : Arrays.stream(list.split(","));
    }

    private static String joined(Map<String, Boolean> all, boolean visible) {
        return all.entrySet().stream().filter(e -> e.getValue() == visible).map(Map.Entry::getKey)
                .collect(Collectors.joining(","));
    }
}
