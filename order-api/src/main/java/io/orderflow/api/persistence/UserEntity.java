package io.orderflow.api.persistence;

import io.orderflow.api.domain.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Generated;

/** A row of {@code users}; Flyway owns the table (V2), PostgreSQL the id and the creation time. */
@Entity
@Table(name = "users")
public class UserEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String email;

  @Column(name = "password_hash")
  public String passwordHash;

  @Column(name = "full_name")
  public String fullName;

  public String role;

  @Generated
  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "disabled_at")
  public Instant disabledAt;

  Account toAccount() {
    return new Account(id, email, passwordHash, fullName, role, createdAt, disabledAt);
  }
}
