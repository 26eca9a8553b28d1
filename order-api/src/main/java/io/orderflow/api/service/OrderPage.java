package io.orderflow.api.service;

import java.util.List;

/** One page of a filtered list and how many orders match in all. */
public record OrderPage(List<OrderView> orders, long total) {}
