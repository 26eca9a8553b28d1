package io.orderflow.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SCRAM-SHA-512 user of the stack's broker and how a client logs in with it. Its {@link
 * #toString()} leaves the password out.
 */
public record KafkaCredential(String username, String password) {
  static final String MECHANISM = "SCRAM-SHA-512";
  static final String PROTOCOL = "SASL_PLAINTEXT";

  /** A client's security settings, as Kafka names them ({@code sasl.jaas.config} ...). */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("security.protocol", PROTOCOL);
    config.put("sasl.mechanism", MECHANISM);
    config.put("sasl.jaas.config", jaasConfig());
    return config;
  }

  /** The same settings under the services' {@code kafka.} keys. */
  public Map<String, String> quarkusConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    clientConfig().forEach((key, value) -> config.put("kafka." + key, value.toString()));
    return config;
  }

  /** The JAAS line a client (and the broker, for itself) logs in with. */
  String jaasConfig() {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + username
        + "\" password=\""
        + password
        + "\";";
  }

  @Override
  public String toString() {
    return "Kafka user " + username;
  }
}
