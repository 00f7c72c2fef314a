package kg.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs a Neo4j community DBMS in this JVM with Bolt on 127.0.0.1, for tests and benchmarks
 * on machines without Docker (see kg/neo4j_server.py).
 *
 * Usage: Launcher --home DIR --bolt-port N [--http-port N] [--plugins DIR] [--watch-pid PID] [--auth true]
 * Prints "NEO4J READY bolt://127.0.0.1:N" once the database answers; SIGTERM shuts it down cleanly.
 * With --http-port the HTTP API is served too, and Neo4j Browser at /browser/ when the neo4j-browser jar
 * (target/browser/, see pom.xml) is on the classpath.
 * Auth is off unless --auth true: then user neo4j has the initial password "neo4j", which must be changed
 * (ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO ...) before any other query.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (!opts.containsKey("--home") || !opts.containsKey("--bolt-port")) {
            System.err.println("usage: Launcher --home DIR --bolt-port N [--http-port N] [--plugins DIR] [--watch-pid PID]"
                    + " [--auth true]");
            System.exit(2);
        }
        Path home = Path.of(opts.get("--home")).toAbsolutePath();
        int boltPort = Integer.parseInt(opts.get("--bolt-port"));
        String httpPort = opts.get("--http-port");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                // Without a user log provider, embedded Neo4j keeps start-up errors to debug.log only.
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, httpPort != null)
                // Tests of wrong credentials start a server with --auth true.
                .setConfig(GraphDatabaseSettings.auth_enabled, "true".equals(opts.get("--auth")))
                // Small machines: the default page cache is half of the free RAM.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                // Throw-away stores: do not write 250 MB of zeroes per transaction log.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // No usage reports to neo4j.com: tests must not talk to outside hosts.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt otherwise idles 2 x 5 s at shutdown even with no client; these are internal
                // (unsupported) settings, checked against the pinned version.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(100))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(100))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1));
        if (httpPort != null) {
            SocketAddress http = new SocketAddress("127.0.0.1", Integer.parseInt(httpPort));
            builder.setConfig(HttpConnector.listen_address, http)
                    // Neo4j Browser (served here when its jar is on the classpath) connects to the Bolt address
                    // the HTTP root advertises, by default port 7687, not the one this server listens on.
                    .setConfig(HttpConnector.advertised_address, http)
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                    // Browser would otherwise send usage data to neo4j.com.
                    .setConfig(ServerSettings.allow_telemetry, false);
        }
        Path plugins = pluginDir(opts.get("--plugins"));
        if (plugins != null) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
        }

        DatabaseManagementService dbms = builder.build();
        // SIGTERM/SIGINT run shutdown hooks: flush and close the store so the next start needs no recovery.
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(120_000)) {
            System.err.println("NEO4J FAILED: database not available after 120 s");
            System.exit(1);
        }
        // An orphaned server (its Python parent killed with -9) would otherwise hold the port forever.
        if (opts.containsKey("--watch-pid")) {
            ProcessHandle.of(Long.parseLong(opts.get("--watch-pid")))
                    .ifPresentOrElse(p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        System.out.println("NEO4J READY bolt://127.0.0.1:" + boltPort);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** The given folder, else target/plugins next to target/classes (where the pom puts APOC), else none. */
    private static Path pluginDir(String given) throws Exception {
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        Path classes = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolveSibling("plugins");
        return Files.isDirectory(dir) ? dir : null;
    }
}
