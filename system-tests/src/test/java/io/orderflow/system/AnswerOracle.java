package io.orderflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.system.RetryingClients.Attempt;
import io.orderflow.system.WorkerOrders.Item;
import io.orderflow.system.WorkerOrders.WorkerOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges every answer a checkout client got: expected, for a reason, or a failure. A 200 must be
 * the worker's order of that client as the worker holds it (pending, same items and prices, same
 * total); a 400 the worker's rejection of it; a 202 an order the worker decided later; a 409 the
 * key's first attempt still under way. A 503 or no answer is expected only from a fault that
 * explains it, or a {@link MachineStalls stall of the machine} it overlaps. Nothing explains a 401,
 * 404, 422, 429 or another 5xx: each client has its own user, fresh token, own key and one body.
 */
final class AnswerOracle {

  /**
   * How long after a stall of the machine its effects still show: every timer in the stack fired at
   * once when it ended (Kafka requests and sessions, the publish and decision waits), and the
   * requests that waited on them are answered 503 or time out a few seconds later.
   */
  static final Duration STALL_AFTERMATH = Duration.ofSeconds(10);

  /**
   * The oracle's word on one answer; {@code byStall} when only a stall of the machine explains it.
   */
  record Verdict(AnswerClass answer, boolean expected, String reason, boolean byStall) {
    Verdict(AnswerClass answer, boolean expected, String reason) {
      this(answer, expected, reason, false);
    }
  }

  private final Set<AnswerClass> explainedByFault;
  private final MachineStalls stalls;
  private final Map<Long, List<WorkerOrder>> byUser;

  /**
   * @param explainedByFault the transient answers the fault under test explains
   * @param stalls the machine's stalls while the clients ran
   * @param byUser the worker's orders by user, once the stack settled
   */
  AnswerOracle(
      Set<AnswerClass> explainedByFault,
      MachineStalls stalls,
      Map<Long, List<WorkerOrder>> byUser) {
    this.explainedByFault = explainedByFault;
    this.stalls = stalls;
    this.byUser = byUser;
  }

  Verdict judge(long userId, Attempt attempt) {
    AnswerClass answer = AnswerClass.of(attempt.status());
    List<WorkerOrder> placed = byUser.getOrDefault(userId, List.of());
    return switch (answer) {
      case OK -> sameAsWorker(answer, attempt, placed);
      case ACCEPTED ->
          placed.stream().anyMatch(o -> o.id() == attempt.orderId())
              ? new Verdict(answer, true, "undecided within the wait, decided later")
              : new Verdict(answer, false, "202 for an order the worker never decided");
      case REJECTED -> rejectedByWorker(answer, attempt, placed);
      case IN_FLIGHT -> new Verdict(answer, true, "the key's first attempt was still under way");
      case UNAVAILABLE, NO_ANSWER -> transientFailure(answer, attempt);
      default -> new Verdict(answer, false, attempt.status() + " has no reason in this test");
    };
  }

  private Verdict transientFailure(AnswerClass answer, Attempt attempt) {
    if (explainedByFault.contains(answer)) {
      return new Verdict(answer, true, "the fault under test");
    }
    return stalls
        .during(attempt.startedNanos() - STALL_AFTERMATH.toNanos(), attempt.answeredNanos())
        .map(stall -> new Verdict(answer, true, "the " + stall + " while it was asked", true))
        .orElseGet(() -> new Verdict(answer, false, answer.column + " that no fault explains"));
  }

  private static Verdict sameAsWorker(
      AnswerClass answer, Attempt attempt, List<WorkerOrder> placed) {
    JsonNode body = IsolatedStack.json(attempt.body());
    WorkerOrder order =
        placed.stream().filter(o -> o.id() == attempt.orderId()).findFirst().orElse(null);
    if (order == null) {
      return new Verdict(answer, false, "200 for order " + attempt.orderId() + " the worker lacks");
    }
    List<Item> answered = new ArrayList<>();
    body.path("order_items")
        .forEach(
            item ->
                answered.add(
                    new Item(
                        item.path("product_id").asLong(),
                        item.path("quantity").asInt(),
                        item.path("product_name").textValue(),
                        new BigDecimal(item.path("unit_price").asText()),
                        new BigDecimal(item.path("subtotal").asText()))));
    answered.sort(Item.BY_PRODUCT);
    boolean same =
        body.path("status").asText().equals("pending")
            && order.status().equals("pending")
            && new BigDecimal(body.path("total_amount").asText()).compareTo(order.total()) == 0
            && samePrices(answered, order.items());
    return same
        ? new Verdict(answer, true, "reserved, as the worker holds it")
        : new Verdict(answer, false, "200 " + body + " but the worker holds " + order);
  }

  private static boolean samePrices(List<Item> answered, List<Item> held) {
    if (answered.size() != held.size()) {
      return false;
    }
    for (int i = 0; i < held.size(); i++) {
      Item a = answered.get(i);
      Item h = held.get(i);
      if (a.productId() != h.productId()
          || a.quantity() != h.quantity()
          || !a.name().equals(h.name())
          || a.unitPrice().compareTo(h.unitPrice()) != 0
          || a.subtotal().compareTo(h.subtotal()) != 0) {
        return false;
      }
    }
    return true;
  }

  private static Verdict rejectedByWorker(
      AnswerClass answer, Attempt attempt, List<WorkerOrder> placed) {
    JsonNode detail = IsolatedStack.json(attempt.body()).path("detail");
    if (placed.size() != 1 || !placed.get(0).status().equals("rejected")) {
      return new Verdict(answer, false, "400 " + detail + " but the worker holds " + placed);
    }
    JsonNode rejection = placed.get(0).last();
    boolean same =
        rejection.hasNonNull("reason")
            ? detail.path("message").asText().equals(rejection.path("reason").asText())
            : detail.path("stock_issues").equals(rejection.path("stock_issues"));
    return same
        ? new Verdict(answer, true, "rejected, as the worker decided")
        : new Verdict(answer, false, "400 " + detail + " but the worker decided " + rejection);
  }
}
