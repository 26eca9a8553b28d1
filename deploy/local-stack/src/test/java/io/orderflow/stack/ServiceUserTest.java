package io.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.model.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class ServiceUserTest {

  @Test
  void everyTopicAServiceIsGrantedIsOneTheStackCreates() {
    List<String> topics = new ArrayList<>();
    Topics.PIPELINE.forEach(
        topic -> {
          topics.add(topic);
          topics.add(Topics.deadLetterOf(topic));
        });

    for (ServiceUser user : ServiceUser.values()) {
      assertThat(user.grants())
          .filteredOn(grant -> grant.resourceType() == ResourceType.TOPIC)
          .allSatisfy(grant -> assertThat(topics).contains(grant.resourceName()));
    }
  }

  @Test
  void aGrantAllowsItsUserFromAnyHostOnTheLiteralName() {
    AclBinding binding = KafkaGrant.write(Topics.ORDERS_EVENTS).bindingFor("inventory-worker");

    assertThat(binding.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
    assertThat(binding.pattern().name()).isEqualTo(Topics.ORDERS_EVENTS);
    assertThat(binding.pattern().patternType()).isEqualTo(PatternType.LITERAL);
    assertThat(binding.entry())
        .isEqualTo(
            new AccessControlEntry(
                "User:inventory-worker", "*", AclOperation.WRITE, AclPermissionType.ALLOW));
  }

  @Test
  void eachServiceModuleHasItsUserAndNothingElseHasOne() {
    assertThat(ServiceUser.of("notification-consumer"))
        .isEqualTo(ServiceUser.NOTIFICATION_CONSUMER);
    assertThatThrownBy(() -> ServiceUser.of("bench/reference-service"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
