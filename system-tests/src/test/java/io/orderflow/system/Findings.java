package io.orderflow.system;

import java.util.ArrayList;
import java.util.List;

/** The broken promises an audit found, described; at most a dozen, then how many more. */
final class Findings {
  private static final int SHOWN = 12;

  private final List<String> shown = new ArrayList<>();
  private int count;

  void add(String format, Object... arguments) {
    count++;
    if (shown.size() < SHOWN) {
      shown.add(String.format(format, arguments));
    }
  }

  List<String> list() {
    List<String> all = new ArrayList<>(shown);
    if (count > SHOWN) {
      all.add("… and " + (count - SHOWN) + " more");
    }
    return all;
  }
}
