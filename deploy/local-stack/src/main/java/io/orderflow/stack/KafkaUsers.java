package io.orderflow.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * The broker's users: the super user {@code admin}, which only the stack itself, the tests and
 * tools use (topics, audits), and one user per service with the ACLs of {@link ServiceUser}.
 */
public final class KafkaUsers {
  /** The super user's name. */
  public static final String ADMIN = "admin";

  private static final int ITERATIONS = 4096;

  private final KafkaCredential admin;
  private final Map<ServiceUser, KafkaCredential> services = new EnumMap<>(ServiceUser.class);

  private KafkaUsers(Function<String, String> passwordOf) {
    this.admin = new KafkaCredential(ADMIN, passwordOf.apply(ADMIN));
    for (ServiceUser user : ServiceUser.values()) {
      services.put(user, new KafkaCredential(user.username(), passwordOf.apply(user.username())));
    }
  }

  /** New random passwords, for a broker that lives as long as one test run. */
  static KafkaUsers random() {
    return new KafkaUsers(user -> Secrets.random());
  }

  /**
   * The passwords kept in {@code dir} ({@code kafka-<user>-password}, owner-only), made at first
   * use: the durable broker keeps its users across restarts, so it must find them again.
   */
  static KafkaUsers keptIn(Path dir) {
    return new KafkaUsers(user -> Secrets.keptIn(dir.resolve("kafka-" + user + "-password")));
  }

  public KafkaCredential admin() {
    return admin;
  }

  public KafkaCredential of(ServiceUser user) {
    return services.get(user);
  }

  /**
   * Gives every service user its password and exactly its ACLs: what the definition grants is
   * created, what it no longer grants is deleted. Idempotent, so this runs at every start of the
   * broker; a password changed in the data directory takes effect then.
   */
  void provision(Admin client) {
    List<UserScramCredentialAlteration> passwords = new ArrayList<>();
    List<AclBinding> acls = new ArrayList<>();
    services.forEach(
        (user, credential) -> {
          passwords.add(
              new UserScramCredentialUpsertion(
                  credential.username(),
                  new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                  credential.password()));
          user.grants().forEach(grant -> acls.add(grant.bindingFor(user.username())));
        });
    await("set the service users' passwords", client.alterUserScramCredentials(passwords).all());
    await("create the service users' ACLs", client.createAcls(acls).all());
    List<AclBindingFilter> stale = new ArrayList<>();
    for (ServiceUser user : services.keySet()) {
      AclBindingFilter ofUser =
          new AclBindingFilter(
              ResourcePatternFilter.ANY,
              new AccessControlEntryFilter(
                  "User:" + user.username(), null, AclOperation.ANY, AclPermissionType.ANY));
      for (AclBinding binding : await("list the ACLs", client.describeAcls(ofUser).values())) {
        if (!acls.contains(binding)) {
          stale.add(binding.toFilter());
        }
      }
    }
    if (!stale.isEmpty()) {
      await("delete ACLs no service is granted", client.deleteAcls(stale).all());
    }
  }

  private static <T> T await(String what, KafkaFuture<T> result) {
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot " + what, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out trying to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted trying to " + what, e);
    }
  }
}
