package io.orderflow.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.config.OrderApiConfig;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/**
 * A client that closes its connection before its body is read is not a server failure: no ERROR
 * line with a stack trace per abandoned request (they come by the hundred when clients time out).
 */
class ClientLeftTest {
  private final ErrorMappers mappers =
      new ErrorMappers(stub(OrderApiConfig.class), uri(), new UnavailableAnswerLog());

  @Test
  void aBodyCutOffByTheClientIsNotAnInternalError() {
    var cutOff = new IOException(new ClosedChannelException());

    assertThat(mappers.unexpected(cutOff).getStatus()).isEqualTo(400);
  }

  @Test
  void anythingElseUnexpectedStaysAnInternalError() {
    assertThat(mappers.unexpected(new IllegalStateException("bug")).getStatus()).isEqualTo(500);
  }

  private static UriInfo uri() {
    return (UriInfo)
        Proxy.newProxyInstance(
            UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class},
            (proxy, method, args) -> method.getName().equals("getPath") ? "/api/v1/orders/" : null);
  }

  private static <T> T stub(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> null));
  }
}
