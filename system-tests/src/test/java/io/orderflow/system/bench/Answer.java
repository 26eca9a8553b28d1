package io.orderflow.system.bench;

import java.util.concurrent.TimeoutException;

/** How one POST /api/v1/orders/ ended, in the columns the report counts. */
enum Answer {
  PENDING("200"),
  ACCEPTED("202"),
  STOCK("400"),
  CLIENT_ERROR("4xx"),
  SERVER_ERROR("5xx"),
  OTHER("other"),
  TIMEOUT("timeout"),
  CONNECTION_ERROR("error");

  final String column;

  Answer(String column) {
    this.column = column;
  }

  /** An HTTP answer, as opposed to no answer at all. */
  boolean answered() {
    return this != TIMEOUT && this != CONNECTION_ERROR;
  }

  /**
   * 200 counts as pending only with a pending order in the body, 400 as a stock decision only with
   * the stock body; any other 400 is a client error like every 4xx.
   */
  static Answer of(int status, String body) {
    if (status == 200) {
      return body.contains("\"status\":\"pending\"") ? PENDING : OTHER;
    }
    if (status == 202) {
      return ACCEPTED;
    }
    if (status == 400 && body.contains("\"stock_issues\"")) {
      return STOCK;
    }
    if (status >= 400 && status < 500) {
      return CLIENT_ERROR;
    }
    return status >= 500 ? SERVER_ERROR : OTHER;
  }

  static Answer of(Throwable failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase();
    return failure instanceof TimeoutException || message.contains("timeout")
        ? TIMEOUT
        : CONNECTION_ERROR;
  }
}
