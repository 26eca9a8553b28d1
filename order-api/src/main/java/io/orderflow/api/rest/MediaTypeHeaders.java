package io.orderflow.api.rest;

import io.orderflow.api.service.InvalidRequestException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A Content-Type or Accept header that is not a media type is a 400 naming the header. RESTEasy
 * Reactive parses both while matching the resource and fails with a 500 on one it cannot read.
 */
public class MediaTypeHeaders {

  @ServerRequestFilter(preMatching = true)
  public void requireReadable(ContainerRequestContext request) {
    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !contentType.isBlank()) {
      requireMediaType(HttpHeaders.CONTENT_TYPE, contentType);
    }
    String accept = request.getHeaderString(HttpHeaders.ACCEPT);
    if (accept != null) {
      for (String each : accept.split(",")) {
        if (!each.isBlank()) {
          requireMediaType(HttpHeaders.ACCEPT, each);
        }
      }
    }
  }

  private static void requireMediaType(String header, String value) {
    try {
      MediaType.valueOf(value.trim());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          new InvalidRequestException(header, header + " header is not a media type"));
    }
  }
}
