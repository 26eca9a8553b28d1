package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.orderflow.stack.ServiceUser;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cluster's Kafka users say what the local broker's ACLs say ({@link ServiceUser}). */
class KafkaUsersTest {

  @Test
  void theServicesListenerAsksWhoIsCallingAndRefusesWhatNoAclAllows() {
    Kafka kafka = Manifests.deployed(Kafka.class).get(0);
    GenericKafkaListener listener =
        kafka.getSpec().getKafka().getListeners().stream()
            .filter(candidate -> candidate.getPort() == 9092)
            .findFirst()
            .orElseThrow();

    assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
    assertThat(kafka.getSpec().getKafka().getListeners())
        .as("no listener without authentication")
        .allSatisfy(any -> assertThat(any.getAuth()).isNotNull());
    assertThat(kafka.getSpec().getKafka().getAuthorization())
        .isInstanceOf(KafkaAuthorizationSimple.class);
    assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(ServiceUser.class)
  void eachServiceHasAKafkaUserWithExactlyTheLocalBrokersAcls(ServiceUser service) {
    KafkaUser user = kafkaUser(service.username());
    assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "orderflow");
    assertThat(user.getSpec().getAuthentication())
        .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);

    KafkaUserAuthorizationSimple authorization =
        (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
    List<String> granted = new ArrayList<>();
    for (AclRule rule : authorization.getAcls()) {
      assertThat(rule.getType()).isIn(null, AclRuleType.ALLOW);
      rule.getOperations()
          .forEach(
              operation -> granted.add(grant(rule, operation.toValue().toUpperCase(Locale.ROOT))));
    }

    assertThat(granted)
        .containsExactlyInAnyOrderElementsOf(
            service.grants().stream()
                .map(
                    grant ->
                        grant.resourceType().name().toLowerCase(Locale.ROOT)
                            + " "
                            + grant.resourceName()
                            + " "
                            + grant.operation().name())
                .toList());
  }

  @ParameterizedTest
  @EnumSource(ServiceUser.class)
  void eachServiceLogsInWithTheSecretOfItsOwnUser(ServiceUser service) {
    List<EnvVar> env =
        Manifests.deployment(service.username())
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv();

    EnvVar jaas =
        env.stream()
            .filter(variable -> variable.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
            .findFirst()
            .orElseThrow();
    assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo(service.username());
    assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
  }

  /** "topic orders.commands WRITE", a literal pattern only. */
  private static String grant(AclRule rule, String operation) {
    if (rule.getResource() instanceof AclRuleTopicResource topic) {
      assertThat(topic.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
      return "topic " + topic.getName() + " " + operation;
    }
    AclRuleGroupResource group = (AclRuleGroupResource) rule.getResource();
    assertThat(group.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
    return "group " + group.getName() + " " + operation;
  }

  private static KafkaUser kafkaUser(String name) {
    return Manifests.deployed(KafkaUser.class).stream()
        .filter(user -> user.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no KafkaUser " + name + " in deploy/k8s"));
  }
}
