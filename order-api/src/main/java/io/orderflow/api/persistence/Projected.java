package io.orderflow.api.persistence;

import io.orderflow.api.domain.OrderView;
import java.util.Map;

/**
 * What one projected batch changed.
 *
 * @param applied how many messages changed the read model (older versions change nothing)
 * @param decided orders decided by this batch as the read model holds them after its commit, by
 *     their {@link ReadModelChannel#orderKey}: what a request waiting for the decision answers
 */
public record Projected(int applied, Map<String, OrderView> decided) {
  public static Projected count(int applied) {
    return new Projected(applied, Map.of());
  }
}
