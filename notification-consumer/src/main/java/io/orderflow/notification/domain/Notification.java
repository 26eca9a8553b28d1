package io.orderflow.notification.domain;

/** One message to a customer about one version of their order. */
public record Notification(
    long orderId, long version, long userId, NotificationKind kind, String subject, String body) {}
