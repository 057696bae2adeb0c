// Tiny Bolt client for the Neo4j test-server scripts (a setup tool, not product code: HoloLoom
// itself is TypeScript). Node's neo4j-driver is not a dependency of the project and cypher-shell is
// not on Maven Central, so the official Java driver, resolved by setup.sh, does the talking.
//
// Usage (connection from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD; password kept off the command
// line so it does not show up in `ps`):
//   java -cp <classes>:<driver classpath> BoltCheck wait <timeout-seconds> [server-pid]
//       Retries `RETURN 1` until it works. Exit 0 ready, 2 timed out, 3 server process died,
//       4 authentication rejected (retrying cannot fix that).
//   java ... BoltCheck smoke
//       Checks what HoloLoom will rely on: APOC core, a 384-d cosine vector index, a full-text
//       index. Works on its own label and removes everything it created.
//   java ... BoltCheck free-port
//       Prints a TCP port that the kernel reports free on 127.0.0.1.

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;

public final class BoltCheck {
    private static final String LABEL = "HoloLoomSmokeCheck";
    private static final String VECTOR_INDEX = "holoLoomSmokeVector";
    private static final String FULLTEXT_INDEX = "holoLoomSmokeFulltext";
    private static final int DIMENSIONS = 384;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "free-port" -> freePort();
            case "wait" -> System.exit(waitReady(
                    Long.parseLong(arg(args, 1, "90")), Long.parseLong(arg(args, 2, "-1"))));
            case "smoke" -> System.exit(smoke());
            default -> {
                System.err.println("usage: BoltCheck wait <timeout-s> [pid] | smoke | free-port");
                System.exit(64);
            }
        }
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }

    private static void freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            System.err.println("BoltCheck: " + name + " is not set");
            System.exit(64);
        }
        return value;
    }

    private static Driver driver() {
        Config config = Config.builder()
                .withLogging(Logging.none()) // a refused connection is expected while waiting
                .withConnectionTimeout(2, TimeUnit.SECONDS)
                .build();
        return GraphDatabase.driver(
                env("NEO4J_URI"), AuthTokens.basic(env("NEO4J_USER"), env("NEO4J_PASSWORD")), config);
    }

    private static int waitReady(long timeoutSeconds, long pid) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String lastError = "no attempt made";
        try (Driver driver = driver()) {
            while (System.nanoTime() < deadline) {
                try (Session session = driver.session()) {
                    int one = session.run("RETURN 1 AS one").single().get("one").asInt();
                    if (one == 1) {
                        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        System.err.println("BoltCheck: RETURN 1 answered after " + ms + " ms of waiting");
                        return 0;
                    }
                    lastError = "RETURN 1 gave " + one;
                } catch (AuthenticationException e) {
                    System.err.println("BoltCheck: authentication rejected: " + e.getMessage());
                    return 4;
                } catch (RuntimeException e) {
                    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                if (pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    System.err.println("BoltCheck: server process " + pid + " exited; last error: " + lastError);
                    return 3;
                }
                Thread.sleep(250);
            }
        }
        System.err.println("BoltCheck: not ready within " + timeoutSeconds + " s; last error: " + lastError);
        return 2;
    }

    /** A deterministic unit-ish vector; seeds close together give vectors close in cosine terms. */
    private static List<Double> vector(double seed) {
        List<Double> v = new ArrayList<>(DIMENSIONS);
        for (int i = 0; i < DIMENSIONS; i++) {
            v.add(Math.sin(seed + i * 0.1));
        }
        return v;
    }

    private static int failures = 0;

    private static void expect(boolean ok, String what) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            failures++;
        }
    }

    private static int smoke() {
        try (Driver driver = driver(); Session session = driver.session()) {
            Record component = session.run(
                    "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS v, edition")
                    .single();
            System.out.println("server: " + component.get("name").asString() + " "
                    + component.get("v").asString() + " " + component.get("edition").asString());

            // --- APOC core -------------------------------------------------------------------
            String apoc = session.run("RETURN apoc.version() AS v").single().get("v").asString();
            expect(apoc.startsWith("5.26"), "apoc.version() = " + apoc);
            long sum = session.run("RETURN apoc.coll.sum([1, 2, 3]) AS s").single().get("s").asLong();
            expect(sum == 6, "apoc.coll.sum([1,2,3]) = " + sum);
            long procedures = session.run(
                    "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc.' RETURN count(*) AS c")
                    .single().get("c").asLong();
            long functions = session.run(
                    "SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'apoc.' RETURN count(*) AS c")
                    .single().get("c").asLong();
            expect(procedures > 0 && functions > 0,
                    "APOC registered " + procedures + " procedures and " + functions + " functions");
            long created = session.run("""
                    CALL apoc.create.node([$label], {id: 'apoc-probe'}) YIELD node
                    WITH node DETACH DELETE node RETURN 1 AS created""", Map.of("label", LABEL))
                    .single().get("created").asLong();
            expect(created == 1, "apoc.create.node (a write procedure) works");

            // --- vector index (Neo4j 5.26 syntax) ---------------------------------------------
            session.run("CREATE VECTOR INDEX " + VECTOR_INDEX + " IF NOT EXISTS FOR (n:" + LABEL
                    + ") ON (n.embedding) OPTIONS {indexConfig: {`vector.dimensions`: " + DIMENSIONS
                    + ", `vector.similarity_function`: 'cosine'}}").consume();
            session.run("""
                    UNWIND $rows AS row
                    CREATE (n:%s {id: row.id, title: row.title, body: row.body, embedding: row.vec})
                    """.formatted(LABEL),
                    Map.of("rows", List.of(
                            Map.of("id", "a", "title", "Graph memory", "body", "knowledge graph of decisions",
                                    "vec", vector(0.0)),
                            Map.of("id", "b", "title", "Tool policy", "body", "learned policy for tool choice",
                                    "vec", vector(1.5)),
                            Map.of("id", "c", "title", "Provenance", "body", "every fact keeps its source",
                                    "vec", vector(3.0))))).consume();
            session.run("CALL db.awaitIndexes(60)").consume();
            Record vectorIndex = session.run("""
                    SHOW VECTOR INDEXES YIELD name, state, options WHERE name = $name
                    RETURN state, options.indexConfig AS config""", Map.of("name", VECTOR_INDEX)).single();
            System.out.println("     vector index: state=" + vectorIndex.get("state").asString()
                    + " config=" + vectorIndex.get("config").asMap());
            List<Record> nearest = session.run("""
                    CALL db.index.vector.queryNodes($index, 2, $query) YIELD node, score
                    RETURN node.id AS id, score""",
                    Map.of("index", VECTOR_INDEX, "query", vector(0.1))).list();
            String vectorHits = nearest.stream()
                    .map(r -> r.get("id").asString() + "@" + String.format("%.4f", r.get("score").asDouble()))
                    .toList().toString();
            expect(nearest.size() == 2 && nearest.get(0).get("id").asString().equals("a"),
                    "vector query (cosine, k=2) nearest to seed 0.1: " + vectorHits);

            // --- full-text index ----------------------------------------------------------------
            session.run("CREATE FULLTEXT INDEX " + FULLTEXT_INDEX + " IF NOT EXISTS FOR (n:" + LABEL
                    + ") ON EACH [n.title, n.body]").consume();
            session.run("CALL db.awaitIndexes(60)").consume();
            List<Record> text = session.run("""
                    CALL db.index.fulltext.queryNodes($index, 'polic*') YIELD node, score
                    RETURN node.id AS id, score""", Map.of("index", FULLTEXT_INDEX)).list();
            String textHits = text.stream()
                    .map(r -> r.get("id").asString() + "@" + String.format("%.4f", r.get("score").asDouble()))
                    .toList().toString();
            expect(text.size() == 1 && text.get(0).get("id").asString().equals("b"),
                    "full-text query 'polic*': " + textHits);
        } catch (RuntimeException e) {
            System.out.println("FAIL " + e.getClass().getSimpleName() + ": " + e.getMessage());
            failures++;
        } finally {
            cleanUp();
        }
        System.out.println(failures == 0 ? "smoke check passed" : failures + " smoke check(s) failed");
        return failures == 0 ? 0 : 1;
    }

    /** Leaves the server as clean as it was: tests expect an empty database. */
    private static void cleanUp() {
        try (Driver driver = driver(); Session session = driver.session()) {
            session.run("DROP INDEX " + VECTOR_INDEX + " IF EXISTS").consume();
            session.run("DROP INDEX " + FULLTEXT_INDEX + " IF EXISTS").consume();
            session.run("MATCH (n:" + LABEL + ") DETACH DELETE n").consume();
        } catch (RuntimeException e) {
            System.out.println("FAIL cleanup: " + e.getMessage());
            failures++;
        }
    }
}
