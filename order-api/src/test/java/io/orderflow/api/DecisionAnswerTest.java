package io.orderflow.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A POST decided within the wait is answered from the decision this instance projected, without
 * reading the order back: the answer must be exactly what a read of the order shows, item ids and
 * status history included.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class DecisionAnswerTest {
  private static final String ORDERS = "/api/v1/orders/";
  private static final long CUSTOMER = 7301;

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  private StandInDecider worker;

  @BeforeEach
  void startWorker() {
    worker = new StandInDecider(kafka).deciding(CUSTOMER, StandInDecider::reserved);
  }

  @AfterEach
  void stopWorker() throws InterruptedException {
    worker.close();
  }

  @Test
  void anOrderDecidedWithinTheWaitIsAnsweredAsAReadOfItShowsIt() {
    AtomicReference<Response> decided = new AtomicReference<>();
    // until the projection's consumers own the order's partition, the answer may be a 202
    await().atMost(Duration.ofSeconds(60)).until(() -> place(decided).statusCode() == 200);
    Map<String, Object> answered = decided.get().jsonPath().getMap("");
    Map<String, Object> read =
        given()
            .auth()
            .oauth2(OrderApiClient.token(CUSTOMER, "customer"))
            .get(ORDERS + answered.get("order_id"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("");

    assertThat(answered).isEqualTo(read);
    assertThat(answered.get("status")).isEqualTo("pending");
    assertThat((List<?>) answered.get("order_items"))
        .singleElement()
        .satisfies(item -> assertThat(((Map<?, ?>) item).get("order_item_id")).isNotNull());
    assertThat((List<?>) answered.get("status_history")).hasSize(2);
  }

  private static Response place(AtomicReference<Response> answer) {
    Response response =
        given()
            .auth()
            .oauth2(OrderApiClient.token(CUSTOMER, "customer"))
            .contentType(ContentType.JSON)
            .body(OrderBodies.valid())
            .post(ORDERS);
    answer.set(response);
    return response;
  }
}
