package io.orderflow.api.persistence;

import io.orderflow.api.domain.ProductView;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads of the catalog read model through Panache, in product id order. */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, Long> {
  private static final Sort BY_ID = Sort.by("productId");

  public Optional<ProductView> product(long productId) {
    return PanacheCalls.read(() -> findByIdOptional(productId).map(ProductEntity::toView));
  }

  public List<ProductView> page(int skip, int limit) {
    return PanacheCalls.read(
        () ->
            findAll(BY_ID).range(skip, skip + limit - 1).stream()
                .map(ProductEntity::toView)
                .toList());
  }

  /** Every product, for the stock check. */
  public List<ProductView> all() {
    return PanacheCalls.read(() -> listAll(BY_ID).stream().map(ProductEntity::toView).toList());
  }
}
