package io.orderflow.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the notification consumer; Kafka and database settings are Quarkus keys. */
@ConfigMapping(prefix = "orderflow.notification")
public interface NotificationConfig {

  /** Pause before storing a notification again while the database is unreachable. */
  @WithDefault("PT1S")
  Duration outageRetryPause();
}
