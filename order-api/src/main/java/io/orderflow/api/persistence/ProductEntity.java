package io.orderflow.api.persistence;

import io.orderflow.api.domain.ProductView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import org.hibernate.annotations.Immutable;

/**
 * A product of the catalog read model ({@code sales.products}). Read-only here: the projection
 * writes the table with version-aware upserts ({@link CatalogRepository}, ADR 007).
 */
@Entity
@Immutable
@Table(name = "products")
public class ProductEntity {
  @Id
  @Column(name = "product_id")
  public Long productId;

  public String name;

  public String description;

  public BigDecimal price;

  @Column(name = "on_hand")
  public int onHand;

  public int reserved;

  @Column(name = "low_stock_threshold")
  public int lowStockThreshold;

  ProductView toView() {
    return ProductView.of(productId, name, description, price, onHand, reserved, lowStockThreshold);
  }
}
