package io.orderflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.stack.RepoPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The configuration a service understands, for telling whether an environment variable of its
 * Deployment names one of its keys (MicroProfile Config's mapping: every character that is not a
 * letter or digit becomes {@code _}, then upper case):
 *
 * <ul>
 *   <li>Quarkus keys that may change at run time, from the config model each extension of the
 *       packaged service carries ({@code META-INF/quarkus-config-doc/quarkus-config-model.json});
 *   <li>every other key of its {@code application.properties} (Kafka, MicroProfile JWT, messaging
 *       channels);
 *   <li>everything under a {@code @ConfigMapping} prefix of its sources ({@code orderflow.api}).
 * </ul>
 *
 * A Quarkus key fixed at build time is not accepted even when application.properties sets it: its
 * environment variable would be ignored by the running service.
 */
record ServiceConfig(String service, Set<String> envNames, Set<String> envPrefixes) {
  private static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
  private static final Pattern CONFIG_MAPPING =
      Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  static ServiceConfig of(String service) {
    Path module = RepoPaths.repoRoot().resolve(service);
    Set<String> names = runTimeQuarkusEnvNames(module.resolve("target/quarkus-app/lib/main"));
    applicationPropertyKeys(service).stream()
        .filter(key -> !key.startsWith("quarkus."))
        .map(ServiceConfig::envName)
        .forEach(names::add);
    Set<String> prefixes = new HashSet<>();
    configMappingPrefixes(module).forEach(prefix -> prefixes.add(envName(prefix) + "_"));
    return new ServiceConfig(service, names, prefixes);
  }

  boolean knows(String envName) {
    return envNames.contains(envName) || envPrefixes.stream().anyMatch(envName::startsWith);
  }

  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private static Set<String> runTimeQuarkusEnvNames(Path libraries) {
    if (!Files.isDirectory(libraries)) {
      throw new IllegalStateException(
          libraries + " is missing: package the service first (deploy/k8s/refresh-services)");
    }
    Set<String> names = new HashSet<>();
    try (Stream<Path> jars = Files.list(libraries)) {
      for (Path jar : jars.filter(file -> file.toString().endsWith(".jar")).toList()) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          ZipEntry model = zip.getEntry(MODEL);
          if (model != null) {
            try (InputStream in = zip.getInputStream(model)) {
              collectRunTimeEnvNames(JSON.readTree(in), names);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** Every property of the model (nested in sections) that is read at run time. */
  private static void collectRunTimeEnvNames(JsonNode node, Set<String> names) {
    JsonNode path = node.path("path");
    if (path.has("environmentVariable") && "RUN_TIME".equals(node.path("phase").asText())) {
      names.add(path.get("environmentVariable").asText());
    }
    node.forEach(child -> collectRunTimeEnvNames(child, names));
  }

  /** The service's application.properties. */
  static Properties applicationProperties(String service) {
    Properties properties = new Properties();
    Path file =
        RepoPaths.repoRoot().resolve(service).resolve("src/main/resources/application.properties");
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static Set<String> applicationPropertyKeys(String service) {
    Set<String> keys = new HashSet<>();
    for (String key : applicationProperties(service).stringPropertyNames()) {
      // %prod.orderflow.x sets orderflow.x in one profile
      keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
    }
    return keys;
  }

  private static Set<String> configMappingPrefixes(Path module) {
    Set<String> prefixes = new HashSet<>();
    try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
      for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
        Matcher mapping = CONFIG_MAPPING.matcher(Files.readString(source));
        while (mapping.find()) {
          prefixes.add(mapping.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return prefixes;
  }
}
