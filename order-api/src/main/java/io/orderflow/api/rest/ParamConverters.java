package io.orderflow.api.rest;

import io.orderflow.api.domain.DeadLetterState;
import io.orderflow.api.service.InvalidRequestException;
import io.orderflow.model.OrderStatus;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads numbers and dates from path, query, header and form parameters, and answers 400 naming the
 * parameter when one does not parse. Without it, JAX-RS turns a path or query value that fails to
 * convert into a 404, which tells the client nothing.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private record Kind(String expected, Function<String, Object> parse) {}

  private static final Kind INT = new Kind("an integer", v -> Integer.parseInt(integer(v)));
  private static final Kind LONG = new Kind("an integer", v -> Long.parseLong(integer(v)));
  private static final Map<Class<?>, Kind> KINDS =
      Map.of(
          int.class,
          INT,
          Integer.class,
          INT,
          long.class,
          LONG,
          Long.class,
          LONG,
          BigDecimal.class,
          new Kind("a decimal number such as 12.50", ParamConverters::decimal),
          Instant.class,
          new Kind(
              "a day (2026-01-31) or an instant (2026-01-31T12:00:00Z) in years 1-9999",
              ParamConverters::instant),
          OrderStatus.class,
          wireNames(OrderStatus.values(), OrderStatus::wireName, OrderStatus::parse),
          DeadLetterState.class,
          wireNames(DeadLetterState.values(), DeadLetterState::wireName, DeadLetterState::parse));

  /** An enum parameter by its wire names; the answer to a bad one lists them all. */
  private static <E> Kind wireNames(
      E[] values, Function<E, String> wireName, Function<String, Optional<E>> parse) {
    return new Kind(
        "one of " + Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")),
        v -> parse.apply(v).orElseThrow());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    Kind kind = KINDS.get(rawType);
    if (kind == null) {
      return null;
    }
    String name = nameOf(annotations);
    return new ParamConverter<>() {
      @Override
      public T fromString(String value) {
        if (value.isEmpty() && !rawType.isPrimitive()) {
          return null; // ?user_id= means no filter, as an empty status does
        }
        try {
          return (T) kind.parse().apply(value);
        } catch (RuntimeException e) {
          // a WebApplicationException passes through as it is; anything else would become a 404
          throw new BadRequestException(
              new InvalidRequestException(name, name + " must be " + kind.expected()));
        }
      }

      @Override
      public String toString(T value) {
        return String.valueOf(value);
      }
    };
  }

  private static String integer(String value) {
    if (!INTEGER.matcher(value).matches()) {
      throw new NumberFormatException();
    }
    return value;
  }

  /** Plain notation only: an exponent such as 1e1000000 is no amount anyone means. */
  private static BigDecimal decimal(String value) {
    if (!DECIMAL.matcher(value).matches()) {
      throw new NumberFormatException();
    }
    return new BigDecimal(value);
  }

  /** A day (midnight UTC) or an instant, within the years the database stores. */
  private static Instant instant(String value) {
    Instant instant =
        value.length() == 10
            ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
            : Instant.parse(value);
    if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
      throw new DateTimeParseException("out of range", value, 0);
    }
    return instant;
  }

  private static String nameOf(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof QueryParam q) {
        return q.value();
      } else if (annotation instanceof PathParam p) {
        return p.value();
      } else if (annotation instanceof HeaderParam h) {
        return h.value();
      } else if (annotation instanceof FormParam f) {
        return f.value();
      }
    }
    return "parameter";
  }
}
