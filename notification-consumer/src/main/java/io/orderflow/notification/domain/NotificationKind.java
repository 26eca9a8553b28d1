package io.orderflow.notification.domain;

import java.util.Locale;

/** Which template a notification follows; stored by {@link #wireName()}. */
public enum NotificationKind {
  ORDER_RECEIVED,
  ORDER_REJECTED,
  ORDER_STATUS_CHANGED,
  ORDER_DELETED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
