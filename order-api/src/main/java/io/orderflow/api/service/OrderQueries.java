package io.orderflow.api.service;

import io.orderflow.api.domain.OrderFilter;
import io.orderflow.api.domain.OrderPage;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.SalesAnalytics;
import io.orderflow.api.persistence.AnalyticsRepository;
import io.orderflow.api.persistence.OrderReadRepository;
import io.orderflow.model.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What clients read about orders, all from the read model (changes go through the worker). */
@ApplicationScoped
public class OrderQueries {
  private final OrderReadRepository orders;
  private final AnalyticsRepository analytics;

  OrderQueries(OrderReadRepository orders, AnalyticsRepository analytics) {
    this.orders = orders;
    this.analytics = analytics;
  }

  public Optional<OrderView> order(long orderId) {
    return orders.findById(orderId);
  }

  /** A customer's orders, newest first. */
  public List<OrderView> ofCustomer(
      long userId, Optional<OrderStatus> status, int skip, int limit) {
    return orders.findByUser(userId, status, skip, limit);
  }

  /** The admin list: orders matching every given filter, newest first, and their count. */
  public OrderPage search(OrderFilter filter, int skip, int limit) {
    return orders.search(filter, skip, limit);
  }

  /** Orders placed in [from, to), days in UTC. */
  public SalesAnalytics analytics(Instant from, Instant to, int topProducts) {
    return analytics.between(from, to, topProducts);
  }
}
