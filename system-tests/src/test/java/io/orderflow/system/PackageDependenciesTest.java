package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Arrows between a service's packages run one way (rest → service → messaging, persistence,
 * security → domain): read from the imports of its main sources, the packages form no cycle, and
 * {@code domain} (the values and exceptions every layer shares) imports none of its siblings.
 */
class PackageDependenciesTest {

  @ParameterizedTest
  @CsvSource({
    "order-api, io/orderflow/api",
    "inventory-worker, io/orderflow/inventory",
    "notification-consumer, io/orderflow/notification"
  })
  void thePackagesOfAServiceFormNoCycle(String module, String rootPackage) {
    Map<String, Set<String>> graph = importsBetweenPackages(module, rootPackage);

    assertThat(cycleIn(graph)).as("a cycle among %s's packages %s", module, graph).isEmpty();
    assertThat(graph.getOrDefault("domain", Set.of()))
        .as("what %s's domain package imports", module)
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"order-api, io/orderflow/api"})
  void resourcesReachPersistenceAndMessagingOnlyThroughServices(String module, String root) {
    assertThat(importsBetweenPackages(module, root).getOrDefault("rest", Set.of()))
        .doesNotContain("persistence", "messaging");
  }

  @Test
  void findsACycleWhereThereIsOne() {
    Map<String, Set<String>> graph =
        Map.of(
            "rest", Set.of("service"),
            "service", Set.of("persistence"),
            "persistence", Set.of("service", "domain"));

    assertThat(cycleIn(graph)).containsExactly("persistence", "service", "persistence");
    assertThat(cycleIn(Map.of("rest", Set.of("service"), "service", Set.of()))).isEmpty();
  }

  /** package → the sibling packages its classes import. */
  static Map<String, Set<String>> importsBetweenPackages(String module, String rootPackage) {
    Path root = Path.of("..", module, "src", "main", "java", rootPackage);
    Pattern sibling =
        Pattern.compile(
            "^import (?:static )?"
                + rootPackage.replace('/', '.').replace(".", "\\.")
                + "\\.(\\w+)\\.",
            Pattern.MULTILINE);
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> sources = Files.walk(root)) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String from = root.relativize(source).getName(0).toString();
        Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = sibling.matcher(Files.readString(source));
        while (m.find()) {
          if (!m.group(1).equals(from)) {
            targets.add(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(graph).as("packages of %s", module).isNotEmpty();
    return graph;
  }

  /**
   * One cycle as the packages along it, or empty when there is none; packages are visited in name
   * order so the same graph always reports the same cycle.
   */
  static List<String> cycleIn(Map<String, Set<String>> graph) {
    Set<String> done = new TreeSet<>();
    for (String start : new TreeSet<>(graph.keySet())) {
      List<String> cycle = cycleFrom(start, graph, new ArrayDeque<>(), done);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> cycleFrom(
      String node, Map<String, Set<String>> graph, Deque<String> path, Set<String> done) {
    if (path.contains(node)) {
      List<String> cycle = new ArrayList<>();
      boolean in = false;
      for (var steps = path.descendingIterator(); steps.hasNext(); ) {
        String step = steps.next();
        in |= step.equals(node);
        if (in) {
          cycle.add(step);
        }
      }
      cycle.add(node);
      return cycle;
    }
    if (!done.add(node)) {
      return List.of();
    }
    path.push(node);
    for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
      List<String> cycle = cycleFrom(next, graph, path, done);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.pop();
    return List.of();
  }
}
