package io.orderflow.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The local stack's demo admin and customer. Their passwords are random, made at first start and
 * kept (owner-only) next to the data, because the accounts created with them are kept too.
 */
public record DemoAccounts(
    String adminEmail, String adminPassword, String customerEmail, String customerPassword) {

  public static DemoAccounts in(Path dataDir) {
    Path file = dataDir.resolve("demo-credentials.properties");
    try {
      if (!Files.exists(file)) {
        write(
            file,
            new DemoAccounts(
                "admin@orderflow.local",
                Secrets.random(),
                "customer@orderflow.local",
                Secrets.random()));
      }
      Properties saved = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        saved.load(in);
      }
      return new DemoAccounts(
          saved.getProperty("admin.email"),
          saved.getProperty("admin.password"),
          saved.getProperty("customer.email"),
          saved.getProperty("customer.password"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the demo credentials in " + file, e);
    }
  }

  private static void write(Path file, DemoAccounts accounts) throws IOException {
    Files.createDirectories(file.getParent());
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties props = new Properties();
    props.setProperty("admin.email", accounts.adminEmail());
    props.setProperty("admin.password", accounts.adminPassword());
    props.setProperty("customer.email", accounts.customerEmail());
    props.setProperty("customer.password", accounts.customerPassword());
    try (Writer out = Files.newBufferedWriter(file)) {
      props.store(out, "demo accounts of the local stack");
    }
  }
}
