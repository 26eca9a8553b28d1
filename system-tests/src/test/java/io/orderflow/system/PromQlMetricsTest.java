package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricsTest {

  @Test
  void metricNamesAreWhatIsLeftOfFunctionsAggregationsLabelsAndRanges() {
    String ratio =
        "sum by (namespace, pod) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
            + " / sum(rate(orderflow_orders_accepted_total[5m])) by (job) > 0.01";

    assertThat(PromQlMetrics.of(ratio))
        .containsExactly("http_server_requests_seconds_count", "orderflow_orders_accepted_total");
  }

  @Test
  void keywordsNumbersAndLabelValuesAreNotMetrics() {
    String expression =
        "kube_a{deployment=~\"order-api|x\"} < bool kube_b offset 5m and on (pod) max(up) > 1e3";

    assertThat(PromQlMetrics.of(expression)).containsExactly("kube_a", "kube_b", "up");
  }
}
