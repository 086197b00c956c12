import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch for development and tests, started from the jars
 * Maven resolved: no distribution, no node home with modules/ to lay out.
 *
 * The two modules babelsearch needs (HTTP over Netty, and the language
 * analyzers of analysis-common) are handed to the node as classpath
 * plugins, which is how OpenSearch's own test framework (MockNode) starts
 * nodes. Bootstrap checks and the security manager belong to the
 * production launcher and are not run.
 *
 * Usage: OpenSearchNode HOME HTTP_PORT PORT_FILE
 * HOME holds data/ and logs/; HTTP_PORT 0 picks a free port. Once the node
 * answers HTTP, "http://127.0.0.1:PORT" is written to PORT_FILE (atomically)
 * and printed. The node stops on SIGTERM / SIGINT.
 */
public final class OpenSearchNode {

    /** Node's plugin-taking constructor is protected; this opens it. */
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: OpenSearchNode HOME HTTP_PORT PORT_FILE");
            System.exit(2);
        }
        Path home = Paths.get(args[0]).toAbsolutePath();
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "babelsearch-dev")
            .put("node.name", "babelsearch-dev")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", "0")
            // A dev node on a shared disk: never refuse writes for a full-ish disk.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false)
            .build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), home.resolve("config"), () -> "babelsearch-dev");
        Node node = new ClasspathNode(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
        // The node's own threads are daemons: main waits here until a signal.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        String url = "http://127.0.0.1:" + port;
        Path portFile = Paths.get(args[2]).toAbsolutePath();
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
        Files.write(partial, (url + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(partial, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("OpenSearch " + org.opensearch.Version.CURRENT + " listening on " + url);
        System.out.flush();
        stopped.await();
    }
}
