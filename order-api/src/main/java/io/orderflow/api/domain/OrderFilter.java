package io.orderflow.api.domain;

import io.orderflow.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The admin list's filters; every one is optional and they combine with AND. */
public record OrderFilter(
    Optional<OrderStatus> status,
    Optional<Long> userId,
    Optional<Instant> startDate,
    Optional<Instant> endDate,
    Optional<BigDecimal> minAmount,
    Optional<BigDecimal> maxAmount) {}
