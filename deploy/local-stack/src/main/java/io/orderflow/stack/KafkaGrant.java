package io.orderflow.stack;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** One thing a user may do on one topic or consumer group, named literally (no prefixes). */
public record KafkaGrant(ResourceType resourceType, String resourceName, AclOperation operation) {

  /** Consume a topic (Read implies Describe). */
  static KafkaGrant read(String topic) {
    return new KafkaGrant(ResourceType.TOPIC, topic, AclOperation.READ);
  }

  /** Produce to a topic (Write implies Describe; an idempotent producer needs nothing more). */
  static KafkaGrant write(String topic) {
    return new KafkaGrant(ResourceType.TOPIC, topic, AclOperation.WRITE);
  }

  /** Join a consumer group and commit its offsets. */
  static KafkaGrant memberOf(String group) {
    return new KafkaGrant(ResourceType.GROUP, group, AclOperation.READ);
  }

  /** Read a consumer group's committed offsets without joining it. */
  static KafkaGrant describe(String group) {
    return new KafkaGrant(ResourceType.GROUP, group, AclOperation.DESCRIBE);
  }

  /** The broker's ACL that allows this to {@code user} from any host. */
  AclBinding bindingFor(String user) {
    return new AclBinding(
        new ResourcePattern(resourceType, resourceName, PatternType.LITERAL),
        new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
  }
}
