package io.orderflow.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * Whether Kubernetes lets one pod open a connection to a port of another, by the ingress rules of
 * the NetworkPolicies of the target's namespace: a pod no policy selects accepts everyone; a
 * selected pod accepts what any rule of any selecting policy allows. Address blocks ({@code
 * ipBlock}) match no pod.
 */
record NetworkReachability(String namespace, List<NetworkPolicy> policies) {

  /** A pod: its namespace, labels and named container ports. */
  record Pod(
      String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  boolean allows(Pod from, Pod to, int port) {
    if (!to.namespace().equals(namespace)) {
      throw new IllegalArgumentException(to + " is outside " + namespace);
    }
    List<NetworkPolicy> selecting =
        policies.stream()
            .filter(NetworkReachability::restrictsIngress)
            .filter(policy -> matches(policy.getSpec().getPodSelector(), to.labels()))
            .toList();
    return selecting.isEmpty()
        || selecting.stream()
            .flatMap(policy -> policy.getSpec().getIngress().stream())
            .anyMatch(rule -> admitsSource(rule, from) && admitsPort(rule, to, port));
  }

  private static boolean restrictsIngress(NetworkPolicy policy) {
    List<String> types = policy.getSpec().getPolicyTypes();
    return types == null || types.isEmpty() || types.contains("Ingress");
  }

  private boolean admitsSource(NetworkPolicyIngressRule rule, Pod from) {
    return rule.getFrom() == null
        || rule.getFrom().isEmpty()
        || rule.getFrom().stream().anyMatch(peer -> matches(peer, from));
  }

  private boolean matches(NetworkPolicyPeer peer, Pod from) {
    if (peer.getNamespaceSelector() == null) {
      return peer.getPodSelector() != null
          && from.namespace().equals(namespace)
          && matches(peer.getPodSelector(), from.labels());
    }
    Map<String, String> namespaceLabels = Map.of("kubernetes.io/metadata.name", from.namespace());
    return matches(peer.getNamespaceSelector(), namespaceLabels)
        && (peer.getPodSelector() == null || matches(peer.getPodSelector(), from.labels()));
  }

  private static boolean admitsPort(NetworkPolicyIngressRule rule, Pod to, int port) {
    return rule.getPorts() == null
        || rule.getPorts().isEmpty()
        || rule.getPorts().stream().anyMatch(allowed -> names(allowed, to, port));
  }

  private static boolean names(NetworkPolicyPort allowed, Pod to, int port) {
    IntOrString value = allowed.getPort();
    if (value == null) {
      return true;
    }
    if (value.getIntVal() != null) {
      int last = allowed.getEndPort() == null ? value.getIntVal() : allowed.getEndPort();
      return value.getIntVal() <= port && port <= last;
    }
    return Integer.valueOf(port).equals(to.ports().get(value.getStrVal()));
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> required =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return required.entrySet().stream()
            .allMatch(label -> label.getValue().equals(labels.get(label.getKey())))
        && expressions.stream().allMatch(expression -> holds(expression, labels));
  }

  private static boolean holds(LabelSelectorRequirement expression, Map<String, String> labels) {
    String value = labels.get(expression.getKey());
    return switch (expression.getOperator()) {
      case "In" -> value != null && expression.getValues().contains(value);
      case "NotIn" -> value == null || !expression.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown operator " + expression.getOperator());
    };
  }
}
