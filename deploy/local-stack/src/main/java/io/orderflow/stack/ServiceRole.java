package io.orderflow.stack;

import java.util.List;
import java.util.stream.Stream;

/**
 * The database role of a service and the one schema it owns: the single definition behind the local
 * stack's roles ({@link DatabaseRoles}), the tests and the cluster's CloudNativePG managed roles
 * (checked by deploy/k8s's tests). A role owns its schema, so its Flyway creates and migrates it;
 * it has no right on any other schema (ADR 028).
 *
 * @param module the service's module, relative to the repository root
 * @param name the PostgreSQL login role
 * @param schema the schema it owns
 */
public record ServiceRole(String module, String name, String schema) {
  public static final ServiceRole ORDER_API =
      new ServiceRole("order-api", "orderflow_api", "sales");
  public static final ServiceRole INVENTORY_WORKER =
      new ServiceRole("inventory-worker", "orderflow_worker", "inventory");
  public static final ServiceRole NOTIFICATION_CONSUMER =
      new ServiceRole("notification-consumer", "orderflow_notifier", "notification");

  /** The benchmark's reference service: the local stack has its role, the cluster does not. */
  public static final ServiceRole REFERENCE_SERVICE =
      new ServiceRole("bench/reference-service", "orderflow_reference", "reference");

  /** The services the cluster runs, in deploy/k8s. */
  public static final List<ServiceRole> DEPLOYED =
      List.of(ORDER_API, INVENTORY_WORKER, NOTIFICATION_CONSUMER);

  /** Every role the local stack creates. */
  public static final List<ServiceRole> ALL =
      Stream.concat(DEPLOYED.stream(), Stream.of(REFERENCE_SERVICE)).toList();

  /** The role of the service built in {@code module}. */
  public static ServiceRole of(String module) {
    return ALL.stream()
        .filter(role -> role.module().equals(module))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No database role for module " + module));
  }
}
