package io.orderflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageSchemasTest {
  private static final ObjectMapper TREE = new ObjectMapper();
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder.schemaMappers(
                  m -> m.mapPrefix("https://orderflow.io/schemas/", "classpath:schemas/")));

  static final Instant AT = Instant.parse("2026-11-26T10:15:30.123Z");
  static final UUID COMMAND = UUID.fromString("4b0f7d0e-8a57-4c39-9f0e-4d1c6f0b2a11");
  static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(
            "order-placed",
            OrderCommand.class,
            new OrderPlaced(
                41, 7, AT, ADDRESS, List.of(new OrderLine(1, 2), new OrderLine(3, 10000)))),
        Arguments.of(
            "order-reserved",
            OrderEvent.class,
            new OrderReserved(
                41,
                1,
                7,
                AT,
                AT,
                ADDRESS,
                List.of(
                    new PricedLine(
                        1, "Premium Widget", 2, new BigDecimal("19.99"), new BigDecimal("39.98"))),
                new BigDecimal("39.98"))),
        Arguments.of(
            "order-rejected",
            OrderEvent.class,
            new OrderRejected(
                41,
                1,
                7,
                AT,
                AT,
                ADDRESS,
                List.of(new OrderLine(1, 5), new OrderLine(99, 1)),
                List.of(
                    StockIssue.insufficient(1, "Premium Widget", 5, 2),
                    StockIssue.productNotFound(99, 1)))),
        Arguments.of(
            "order-rejected",
            OrderEvent.class,
            new OrderRejected(
                41,
                1,
                7,
                AT,
                AT,
                ADDRESS,
                List.of(new OrderLine(1, 5)),
                List.of(),
                "Your order could not be processed")),
        Arguments.of(
            "order-status-change-requested",
            OrderCommand.class,
            new OrderStatusChangeRequested(41, COMMAND, OrderStatus.SHIPPED, "user:1", AT)),
        Arguments.of(
            "order-deletion-requested",
            OrderCommand.class,
            new OrderDeletionRequested(41, COMMAND, "user:7", AT)),
        Arguments.of(
            "order-status-changed",
            OrderEvent.class,
            new OrderStatusChanged(
                41, 2, 7, AT, AT, COMMAND, OrderStatus.PENDING, OrderStatus.CONFIRMED, "user:1")),
        Arguments.of(
            "order-deleted",
            OrderEvent.class,
            new OrderDeleted(41, 2, 7, AT, AT, COMMAND, "user:7")),
        Arguments.of(
            "order-change-refused",
            OrderEvent.class,
            new OrderChangeRefused(
                41,
                3,
                7,
                AT,
                AT,
                COMMAND,
                OrderStatus.SHIPPED,
                OrderChangeRefused.Reason.ILLEGAL_TRANSITION,
                "Cannot change status from shipped to pending")),
        Arguments.of(
            "product-creation-requested",
            ProductCommand.class,
            new ProductCreationRequested(
                COMMAND, "Widget", null, new BigDecimal("19.99"), 10, 5, "user:1")),
        Arguments.of(
            "product-update-requested",
            ProductCommand.class,
            new ProductUpdateRequested(
                COMMAND, 3, null, "Shiny", new BigDecimal("21.00"), null, "user:1")),
        Arguments.of(
            "restock-requested",
            ProductCommand.class,
            new RestockRequested(COMMAND, 3, 50, "user:1")),
        Arguments.of(
            "product-stock-changed",
            ProductStockChanged.class,
            new ProductStockChanged(
                3, "Widget", null, new BigDecimal("19.99"), 10, 4, 5, AT, null)),
        Arguments.of(
            "product-low-on-stock",
            ProductLowOnStock.class,
            new ProductLowOnStock(3, "Widget", 4, 5, AT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyMessageRoundTripsAndMatchesItsSchema(String schema, Class<?> readAs, Object message)
      throws Exception {
    byte[] json = MessageJson.write(message);

    assertEquals(message, MessageJson.read(json, readAs));
    assertEquals(Set.of(), schema(schema).validate(TREE.readTree(json)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void schemaRejectsTheMessageWithoutAnyOfItsRequiredFields(
      String schema, Class<?> readAs, Object message) throws Exception {
    JsonNode definition =
        TREE.readTree(getClass().getResourceAsStream("/schemas/" + schema + ".schema.json"));
    for (JsonNode required : definition.get("required")) {
      ObjectNode json = (ObjectNode) TREE.readTree(MessageJson.write(message));
      json.remove(required.asText());

      Set<ValidationMessage> errors = schema(schema).validate(json);
      assertFalse(errors.isEmpty(), "accepted without " + required.asText());
    }
  }

  @Test
  void rejectionSaysWhyEitherByStockIssuesOrByAReasonNeverNeitherOrBoth() throws Exception {
    OrderRejected neither =
        new OrderRejected(41, 1, 7, AT, AT, ADDRESS, List.of(new OrderLine(1, 5)), List.of());
    OrderRejected both =
        new OrderRejected(
            41,
            1,
            7,
            AT,
            AT,
            ADDRESS,
            List.of(new OrderLine(1, 5)),
            List.of(StockIssue.productNotFound(1, 5)),
            "Your order could not be processed");

    assertFalse(
        schema("order-rejected").validate(TREE.readTree(MessageJson.write(neither))).isEmpty());
    assertFalse(
        schema("order-rejected").validate(TREE.readTree(MessageJson.write(both))).isEmpty());
  }

  @Test
  void aStockRejectionWrittenBeforeReasonsExistedIsStillRead() {
    byte[] older =
        ("{\"type\":\"order_rejected\",\"order_id\":41,\"version\":1,\"user_id\":7,"
                + "\"at\":\"2026-11-26T10:15:30.123Z\",\"placed_at\":\"2026-11-26T10:15:30.123Z\","
                + "\"shipping_address\":{\"line1\":\"1 Main St\",\"city\":\"Springfield\","
                + "\"state\":\"IL\",\"postal_code\":\"62701\",\"country\":\"US\"},"
                + "\"lines\":[{\"product_id\":99,\"quantity\":1}],"
                + "\"stock_issues\":[{\"product_id\":99,\"product_name\":null,\"requested\":1,"
                + "\"available\":0,\"sufficient\":false,\"error\":\"Product not found\"}]}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    OrderRejected read = (OrderRejected) MessageJson.read(older, OrderEvent.class);

    assertEquals(List.of(StockIssue.productNotFound(99, 1)), read.stockIssues());
    assertEquals(null, read.reason());
  }

  @Test
  void theLargestStorableTotalIsNumeric12Comma2() {
    assertTrue(Amounts.storable(new BigDecimal("9999999999.99")));
    assertFalse(Amounts.storable(new BigDecimal("10000000000.00")));
    assertEquals(
        "Order total 99999999999900.00 exceeds the largest amount an order may have,"
            + " 9999999999.99",
        Amounts.totalTooLarge(new BigDecimal("99999999999900.00")));
  }

  @Test
  void stockIssueCarriesTheOriginsErrorText() {
    assertEquals(
        "Insufficient stock. Available: 2, Requested: 5",
        StockIssue.insufficient(1, "Premium Widget", 5, 2).error());
    assertEquals("Product not found", StockIssue.productNotFound(9, 1).error());
  }

  @Test
  void unparsableBytesAreAMalformedMessage() {
    assertThrows(
        MalformedMessageException.class,
        () -> MessageJson.read("{\"type\":\"nope\"}".getBytes(), OrderCommand.class));
    assertThrows(MalformedMessageException.class, () -> MessageJson.read(null, OrderEvent.class));
  }

  @Test
  void eventVersionAndStatusAreReadable() throws Exception {
    JsonNode node =
        TREE.readTree(
            MessageJson.write(
                new OrderRejected(
                    1, 3, 2, AT, AT, ADDRESS, List.of(new OrderLine(1, 1)), List.of())));
    assertEquals("order_rejected", node.get("type").asText());
    assertTrue(node.has("version"));
    assertFalse(node.has("status"), "status is implied by the type, not sent twice");
  }

  private static JsonSchema schema(String name) {
    return SCHEMAS.getSchema(
        SchemaLocation.of("https://orderflow.io/schemas/" + name + ".schema.json"));
  }
}
