package org.openvisit.it.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privacy scan (issue 18): reads every text column of every table of a store, and a server log, and reports each
 * place where something that must never be stored or logged appears — the EHR sandbox's patients (names, MRNs, birth
 * dates, mobile numbers, FHIR ids), plain appointment ids (stored only as keyed hashes), and tokens (JWTs).
 */
public final class PrivacyScan {

    /** What the EHR sandbox knows of its patients and appointments, and the shape of every token it issues. */
    public static final List<String> SANDBOX_SECRETS = List.of(
            "Marsh", "Fontaine", "Brandt", "Sato", "Reyes", "Harlow",
            "E1001", "E1002", "E1003", "E1004", "E1005", "E1006",
            "1984-03-12", "1991-07-30", "1958-11-02", "2015-05-21", "2019-09-09", "1972-01-18",
            "312-555-01", "+1312555", "pat-leo-marsh", "pat-mia-fontaine", "pat-noah-brandt", "pat-olivia-sato",
            "pat-pablo-reyes", "pat-quinn-harlow", "appt-100", PrivacyScan.JWT);

    /**
     * A JWT (an id token, an access token, a signed assertion): found by its shape, a header segment that starts with
     * {@code eyJ} and decodes to a JOSE header naming its {@code alg}, followed by a dot. Not by the three letters
     * alone: a sealed value's random base64 holds "eyJ" now and then (a CI run failed on that).
     */
    public static final String JWT = "eyJ";

    private static final Pattern JWT_HEADER = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{4,}(?=\\.)");

    private static final Set<Integer> TEXT_TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB, Types.OTHER);

    private PrivacyScan() {
    }

    /** Each "table.column: secret" found in the database at {@code url}; the rows read, per table, in {@code read}. */
    public static List<String> database(String url, String user, List<String> secrets, Map<String, Integer> read)
            throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            for (Map.Entry<String, List<String>> table : textColumns(c).entrySet()) {
                int rows = 0;
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT " + String.join(", ", table.getValue()) + " FROM "
                             + table.getKey())) {
                    while (r.next()) {
                        rows++;
                        for (int i = 1; i <= table.getValue().size(); i++) {
                            String value = r.getString(i);
                            for (String secret : secrets) {
                                if (value != null && holds(value, secret)) {
                                    found.add(table.getKey() + "." + table.getValue().get(i - 1) + ": " + secret);
                                }
                            }
                        }
                    }
                }
                read.put(table.getKey(), rows);
            }
        }
        return found;
    }

    /**
     * Each secret that appears in OpenVisit's lines of {@code log} (the EHR sandbox, deployed in the same test server,
     * logs its own launches with their appointments, as an EHR may: its lines are left out).
     */
    public static List<String> log(String log, List<String> secrets) {
        List<String> openVisitLines = log.lines().filter(line -> !line.contains("[org.openvisit.sandbox.")).toList();
        return secrets.stream().filter(secret -> openVisitLines.stream().anyMatch(line -> holds(line, secret)))
                .toList();
    }

    /** Whether {@code text} holds the secret: its letters, or for {@link #JWT} a token's header. */
    static boolean holds(String text, String secret) {
        if (!JWT.equals(secret)) {
            return text.contains(secret);
        }
        Matcher m = JWT_HEADER.matcher(text);
        while (m.find()) {
            try {
                String header = new String(Base64.getUrlDecoder().decode(
                        m.group().substring(0, m.group().length() / 4 * 4)), StandardCharsets.UTF_8);
                if (header.contains("\"alg\"")) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                // not a token's header
            }
        }
        return false;
    }

    private static Map<String, List<String>> textColumns(Connection c) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet r = meta.getColumns(null, "public", "%", "%")) {
            while (r.next()) {
                if (TEXT_TYPES.contains(r.getInt("DATA_TYPE"))) {
                    columns.computeIfAbsent(r.getString("TABLE_NAME").toLowerCase(Locale.ROOT), t -> new ArrayList<>())
                            .add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }
}
