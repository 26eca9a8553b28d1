package io.orderflow.api.rest;

/**
 * A success answer with nothing to say but a sentence. It keeps the origin's {@code {"detail":
 * ...}} shape, which clients know, but is not an {@link ErrorResponse}.
 */
public record SuccessResponse(String detail) {}
