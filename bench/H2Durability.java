import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the embedded H2 keeps of a commit when its process is killed (kill -9) 20 ms later, and what a durable
 * commit costs, for H2's default (MVStore writes committed changes in the background, about once a second) and
 * for WRITE_DELAY=0 (every commit is written to the file before it returns). Run by h2-durability.sh.
 */
public class H2Durability {

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(args[1]);
            return;
        }
        int commits = Integer.parseInt(System.getProperty("commits", "2000"));
        int kills = Integer.parseInt(System.getProperty("kills", "10"));
        Path dir = Files.createTempDirectory("h2-durability");
        System.out.printf("%-28s %-22s %-30s%n", "setting", "commits/s (2 rows each)", "commits lost after kill -9 20 ms later");
        for (String setting : new String[]{"", ";WRITE_DELAY=0"}) {
            String url = "jdbc:h2:file:" + dir.resolve("db" + Math.abs(setting.hashCode())) + ";DB_CLOSE_ON_EXIT=FALSE" + setting;
            double rate = throughput(url, commits);
            int lost = 0;
            for (int i = 0; i < kills; i++) {
                lost += killedAfterCommit(url) ? 0 : 1;
            }
            System.out.printf("%-28s %-22.0f %d of %d%n", setting.isEmpty() ? "H2 default" : setting.substring(1), rate, lost, kills);
        }
    }

    private static void create(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS event (id VARCHAR(36) PRIMARY KEY, at TIMESTAMP WITH TIME ZONE)");
            s.execute("CREATE TABLE IF NOT EXISTS task (id VARCHAR(36) PRIMARY KEY, event_id VARCHAR(36), status VARCHAR(16))");
        }
    }

    private static void insert(Connection c, String id) throws Exception {
        try (PreparedStatement e = c.prepareStatement("INSERT INTO event VALUES (?, CURRENT_TIMESTAMP)");
             PreparedStatement t = c.prepareStatement("INSERT INTO task VALUES (?, ?, 'PENDING')")) {
            e.setString(1, id);
            e.executeUpdate();
            t.setString(1, UUID.randomUUID().toString());
            t.setString(2, id);
            t.executeUpdate();
        }
        c.commit();
    }

    private static double throughput(String url, int commits) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", "sa")) {
            create(c);
            c.setAutoCommit(false);
            for (int i = 0; i < 200; i++) {
                insert(c, UUID.randomUUID().toString()); // warm-up
            }
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                insert(c, UUID.randomUUID().toString());
            }
            return commits / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Starts a JVM that commits one event, kills it 20 ms after it said so, and looks for the event. */
    private static boolean killedAfterCommit(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2Durability.class.getName(),
                "child", url).redirectErrorStream(true).start();
        String id = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    id = line.substring("committed ".length());
                    break;
                }
            }
            Thread.sleep(20);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (id == null) {
            throw new IllegalStateException("the child did not commit");
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "sa");
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM event WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1) == 1;
            }
        }
    }

    private static void child(String url) throws Exception {
        Connection c = DriverManager.getConnection(url, "sa", "sa");
        create(c);
        c.setAutoCommit(false);
        insert(c, UUID.randomUUID().toString()); // the tables and a first row are on file before the measured one
        Thread.sleep(1500);
        String id = UUID.randomUUID().toString();
        insert(c, id);
        System.out.println("committed " + id);
        System.out.flush();
        Thread.sleep(60_000); // killed long before
    }
}
