package io.orderflow.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One {@link Infrastructure#forTests()} per test JVM, shared by every test class and stopped when
 * the JVM exits; starting it per test class would cost seconds each time. The service under test
 * connects with its own database role ({@link ServiceRole}, by the module the tests run in), so its
 * tests migrate and work with exactly the rights it has in production (ADR 028).
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {
  /*
   * Quarkus may load this class in more than one class loader, each with its own static field.
   * The first one publishes its addresses as system properties; the others attach to them.
   */
  private static final String PUBLISHED = "orderflow.test-infrastructure.";
  private static Infrastructure shared;

  /** The shared infrastructure, started on first use. */
  public static synchronized Infrastructure infrastructure() {
    if (shared == null) {
      synchronized (System.class) {
        Map<String, String> published = published();
        shared = published.isEmpty() ? startAndPublish() : Infrastructure.attachedTo(published);
      }
    }
    return shared;
  }

  @Override
  public Map<String, String> start() {
    Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    return infrastructure()
        .quarkusConfig(RepoPaths.repoRoot().relativize(module).toString().replace('\\', '/'));
  }

  @Override
  public void stop() {
    // The next test class reuses it; the shutdown hook stops it.
  }

  private static Infrastructure startAndPublish() {
    Infrastructure infrastructure = Infrastructure.forTests();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(infrastructure::close, "orderflow-infrastructure-stop"));
    infrastructure
        .quarkusConfig()
        .forEach((key, value) -> System.setProperty(PUBLISHED + key, value));
    return infrastructure;
  }

  private static Map<String, String> published() {
    return System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(PUBLISHED))
        .collect(Collectors.toMap(name -> name.substring(PUBLISHED.length()), System::getProperty));
  }
}
