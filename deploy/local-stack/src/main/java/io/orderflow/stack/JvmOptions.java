package io.orderflow.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM options a service runs with, the same in the local stack, the system tests and the
 * benchmark: the defaults below, then whatever {@code ORDERFLOW_JVM_OPTIONS} adds for every service
 * and {@code ORDERFLOW_JVM_OPTIONS_<MODULE>} (e.g. {@code ORDERFLOW_JVM_OPTIONS_INVENTORY_WORKER})
 * for one, space-separated; a later option wins. Why these defaults: ADR 024.
 */
final class JvmOptions {
  static final String OVERRIDE = "ORDERFLOW_JVM_OPTIONS";

  private static final List<String> DEFAULTS = List.of("-Xmx384m");

  static List<String> of(String module, Map<String, String> environment) {
    List<String> options = new ArrayList<>(DEFAULTS);
    for (String variable :
        List.of(OVERRIDE, OVERRIDE + "_" + ServiceProcess.environmentName(module))) {
      String extra = environment.getOrDefault(variable, "").trim();
      if (!extra.isEmpty()) {
        options.addAll(Arrays.asList(extra.split("\\s+")));
      }
    }
    return options;
  }

  private JvmOptions() {}
}
