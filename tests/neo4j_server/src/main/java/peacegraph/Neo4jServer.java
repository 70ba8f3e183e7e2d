package peacegraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j 5 (community, in this JVM) for peacegraph's test suite and benchmarks.
 *
 * <p>Usage: {@code Neo4jServer [--port N] [--dir DIR] [--pagecache SIZE] [--watch-stdin]}. Serves Bolt on a free port of 127.0.0.1
 * (or port N), with authentication off and the HTTP server off, in a new temporary directory under DIR (default:
 * the JVM's temporary directory; the tests pass /dev/shm where it exists, since a commit's fsync on a busy disk
 * costs tens of milliseconds), deleted on exit. Prints one
 * line {@code NEO4J_URL bolt://127.0.0.1:PORT} when it accepts connections, then runs until SIGTERM/SIGINT, or,
 * with {@code --watch-stdin}, until its standard input closes too (so it never outlives the test process that
 * started it with a pipe, even one killed with -9). {@code --pagecache} sets {@code server.memory.pagecache.size}
 * (e.g. {@code 512m}, {@code 2g}; default 128m, enough for the tests' small stores); the heap is the JVM's own
 * {@code -Xmx}, as {@code server.memory.heap.max_size} is for a Neo4j server (README, "Neo4j in production").
 */
public final class Neo4jServer {
    private Neo4jServer() {}

    public static void main(String[] args) throws Exception {
        int port = 0;
        boolean watchStdin = false;
        long pagecache = ByteUnit.mebiBytes(128);
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> base = Path.of(args[++i]);
                case "--pagecache" -> pagecache = ByteUnit.parse(args[++i]);
                case "--watch-stdin" -> watchStdin = true;
                default -> {
                    System.err.println("usage: Neo4jServer [--port N] [--dir DIR] [--pagecache SIZE] [--watch-stdin]");
                    System.exit(2);
                }
            }
        }
        Path work = Files.createTempDirectory(base, "peacegraph-neo4j-");
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(work)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // Small transaction log files, not preallocated: the default 256 MB each would fill a tmpfs.
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .withConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                // and only the newest two of them kept after a checkpoint (a 10,000-document load wrote 730 MB of
                // logs next to a 140 MB store): nothing here is ever restored from them.
                .withConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // A test server has no clients worth waiting for at shutdown (the defaults add ~10 s to a stop).
                .withConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .withConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            neo4j.close();
            deleteQuietly(work);
            stop.countDown();
        }, "neo4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        System.out.println("NEO4J_URL " + neo4j.boltURI().toString().replace("localhost", "127.0.0.1"));
        System.out.flush();

        // Standard input closing (the parent died or closed the pipe) stops the server like a signal does.
        if (watchStdin) {
            Thread stdin = new Thread(() -> {
                drain(System.in);
                System.exit(0);
            }, "stdin-watch");
            stdin.setDaemon(true);
            stdin.start();
        }
        stop.await();
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // ignore whatever is written; only the end matters
            }
        } catch (IOException ignored) {
            // a broken pipe is an end too
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
