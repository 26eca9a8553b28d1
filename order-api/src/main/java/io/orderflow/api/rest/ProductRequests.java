package io.orderflow.api.rest;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the admin product endpoints. */
public final class ProductRequests {

  @Schema(name = "CreateProductRequest")
  public record Create(
      @NotBlank @Size(max = 255) @PlainText @Visible String name,
      @Size(max = 2000) @PlainText(multiline = true) String description,
      @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
      @NotNull @Min(0) @Max(1_000_000) Integer onHand,
      @Min(0) @Max(1_000_000) Integer lowStockThreshold) {}

  /** Absent fields stay as they are; stock changes only through restock and orders. */
  @Schema(name = "UpdateProductRequest")
  public record Update(
      @Size(min = 1, max = 255) @PlainText @Visible String name,
      @Size(max = 2000) @PlainText(multiline = true) String description,
      @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
      @Min(0) @Max(1_000_000) Integer lowStockThreshold) {}

  @Schema(name = "RestockRequest")
  public record Restock(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {}

  private ProductRequests() {}
}
