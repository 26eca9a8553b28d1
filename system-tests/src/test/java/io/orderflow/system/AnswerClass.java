package io.orderflow.system;

/** The kinds of answer a checkout client can get, one column each in the fault suite's table. */
enum AnswerClass {
  OK("200"),
  ACCEPTED("202"),
  REJECTED("400"),
  UNAUTHORIZED("401"),
  NOT_FOUND("404"),
  IN_FLIGHT("409"),
  KEY_REUSED("422"),
  THROTTLED("429"),
  UNAVAILABLE("503"),
  SERVER_ERROR("5xx"),
  NO_ANSWER("t/o"),
  OTHER("other");

  final String column;

  AnswerClass(String column) {
    this.column = column;
  }

  /** The class of a status code; -1 stands for a timeout or a connection error. */
  static AnswerClass of(int status) {
    return switch (status) {
      case -1 -> NO_ANSWER;
      case 200 -> OK;
      case 202 -> ACCEPTED;
      case 400 -> REJECTED;
      case 401 -> UNAUTHORIZED;
      case 404 -> NOT_FOUND;
      case 409 -> IN_FLIGHT;
      case 422 -> KEY_REUSED;
      case 429 -> THROTTLED;
      case 503 -> UNAVAILABLE;
      default -> status >= 500 ? SERVER_ERROR : OTHER;
    };
  }
}
