package io.orderflow.api.domain;

import java.util.List;

/** One page of a filtered list and how many orders match in all. */
public record OrderPage(List<OrderView> orders, long total) {}
