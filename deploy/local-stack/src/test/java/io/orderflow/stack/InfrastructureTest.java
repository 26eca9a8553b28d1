package io.orderflow.stack;

import static io.orderflow.stack.TestSockets.command;
import static io.orderflow.stack.TestSockets.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orderflow.model.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InfrastructureTest {
  private static Infrastructure infrastructure;

  @BeforeAll
  static void start() {
    infrastructure = Infrastructure.forTests();
    System.out.println("Infrastructure start times: " + infrastructure.startTimes());
  }

  @AfterAll
  static void stop() {
    if (infrastructure != null) {
      infrastructure.close();
    }
  }

  @Test
  void configuresTheServicesWithExactlyTheirKeys() {
    assertEquals(
        Set.of(
            "kafka.bootstrap.servers",
            "kafka.security.protocol",
            "kafka.sasl.mechanism",
            "kafka.sasl.jaas.config",
            "quarkus.datasource.jdbc.url",
            "quarkus.datasource.username",
            "quarkus.datasource.password",
            "quarkus.redis.hosts",
            "quarkus.redis.password",
            "mp.jwt.verify.publickey.location",
            "smallrye.jwt.sign.key.location"),
        infrastructure.quarkusConfig().keySet());
  }

  @Test
  void eachServiceConnectsWithItsOwnRoleOwningItsSchema() throws Exception {
    for (ServiceRole role : ServiceRole.ALL) {
      Map<String, String> config = infrastructure.quarkusConfig(role.module());
      try (Connection connection =
              DriverManager.getConnection(
                  config.get("quarkus.datasource.jdbc.url"),
                  config.get("quarkus.datasource.username"),
                  config.get("quarkus.datasource.password"));
          Statement statement = connection.createStatement();
          ResultSet owner =
              statement.executeQuery(
                  "SELECT current_user, pg_get_userbyid(nspowner) FROM pg_namespace"
                      + " WHERE nspname = '"
                      + role.schema()
                      + "'")) {
        assertTrue(owner.next(), role.schema() + " is missing");
        assertEquals(role.name(), owner.getString(1));
        assertEquals(role.name(), owner.getString(2));
      }
    }
  }

  @Test
  void namesTheLiveProcessOfEachServerItStarted() {
    Map<String, Long> pids = infrastructure.processIds();
    assertTrue(Set.of("kafka", "postgres", "redis").containsAll(pids.keySet()), pids.toString());
    pids.forEach(
        (name, pid) ->
            assertTrue(
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                name + " " + pid + " is not running"));
  }

  @Test
  void kafkaCarriesARecordAndHasThePipelineTopics() throws Exception {
    String value = UUID.randomUUID().toString();
    RecordMetadata sent = produce(Topics.ORDERS_COMMANDS, value);
    assertEquals(value, consume(sent));

    try (Admin admin = admin()) {
      Map<String, TopicDescription> topics =
          admin
              .describeTopics(
                  List.of(Topics.ORDERS_EVENTS, "inventory.events", "orders.commands.dlq"))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS);
      topics.values().forEach(topic -> assertEquals(3, topic.partitions().size(), topic.name()));
      ConfigResource inventoryEvents =
          new ConfigResource(ConfigResource.Type.TOPIC, "inventory.events");
      String cleanupPolicy =
          admin
              .describeConfigs(List.of(inventoryEvents))
              .all()
              .get(10, TimeUnit.SECONDS)
              .get(inventoryEvents)
              .get(TopicConfig.CLEANUP_POLICY_CONFIG)
              .value();
      assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy);
    }
  }

  @Test
  void killedBrokerRefusesConnectionsAndComesBackWithItsData() throws Exception {
    KafkaBroker broker = infrastructure.kafkaBroker().orElseThrow();
    RecordMetadata sent = produce(Topics.ORDERS_COMMANDS, "before the crash");

    broker.kill();
    assertThrows(ConnectException.class, () -> connect(broker.port()).close());

    long begin = System.nanoTime();
    broker.start();
    System.out.println(
        "Kafka restart after kill: "
            + Duration.ofNanos(System.nanoTime() - begin).toMillis()
            + " ms");
    assertEquals("before the crash", consume(sent));
    // the users live in the broker's metadata: a service still logs in
    KafkaCredential notifier =
        infrastructure.kafkaUsers().orElseThrow().of(ServiceUser.NOTIFICATION_CONSUMER);
    try (Admin admin = adminAs(notifier.clientConfig())) {
      assertEquals(
          Set.of(Topics.ORDERS_EVENTS),
          admin.listTopics().names().get(10, TimeUnit.SECONDS),
          "the topics its ACLs let it see");
    }
  }

  @Test
  void theBrokersSuperUserPasswordIsReadableByItsOwnerOnlyAndNeverLeftInArguments()
      throws Exception {
    Path kafka = infrastructure.kafkaBroker().orElseThrow().logFile().getParent();

    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(kafka.resolve("server.properties")));
    assertFalse(Files.exists(kafka.resolve("format-arguments")), "the format's argument file");
  }

  @Test
  void provisioningLeavesEachServiceExactlyTheAclsItIsGranted() throws Exception {
    ServiceUser notifier = ServiceUser.NOTIFICATION_CONSUMER;
    AclBinding noLongerGranted =
        KafkaGrant.write(Topics.ORDERS_COMMANDS).bindingFor("notification-consumer");
    AclBindingFilter ofNotifier =
        new AclBindingFilter(
            ResourcePatternFilter.ANY,
            new AccessControlEntryFilter(
                "User:notification-consumer", null, AclOperation.ANY, AclPermissionType.ANY));
    try (Admin admin = admin()) {
      admin.createAcls(List.of(noLongerGranted)).all().get(10, TimeUnit.SECONDS);

      infrastructure.kafkaUsers().orElseThrow().provision(admin);

      assertEquals(
          notifier.grants().stream()
              .map(grant -> grant.bindingFor(notifier.username()))
              .collect(Collectors.toSet()),
          Set.copyOf(admin.describeAcls(ofNotifier).values().get(10, TimeUnit.SECONDS)));
    }
  }

  @Test
  void kafkaRefusesAClientWithoutCredentialsOrWithAWrongPassword() {
    try (Admin anonymous = adminAs(Map.of())) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> anonymous.listTopics().names().get(20, TimeUnit.SECONDS));
      assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused.getCause());
    }
    KafkaCredential impostor = new KafkaCredential(KafkaUsers.ADMIN, "not-the-password");
    try (Admin wrong = adminAs(impostor.clientConfig())) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class, () -> wrong.listTopics().names().get(20, TimeUnit.SECONDS));
      assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
    }
  }

  @Test
  void killedPostgresRefusesConnectionsAndComesBackWithItsData() throws Exception {
    PostgresServer postgres = infrastructure.postgresServer().orElseThrow();
    try (Connection connection = infrastructure.jdbc();
        Statement statement = connection.createStatement()) {
      statement.execute("create table survivor (id int primary key)");
      statement.execute("insert into survivor values (7)");
    }
    long postmaster = postgres.pid();

    postgres.kill();
    assertTrue(
        ProcessHandle.of(postmaster).isEmpty() || !ProcessHandle.of(postmaster).get().isAlive());
    assertThrows(ConnectException.class, () -> connect(postgres.port()).close());

    postgres.start();
    try (Connection connection = infrastructure.jdbc();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select id from survivor")) {
      assertTrue(row.next());
      assertEquals(7, row.getInt(1));
    }
  }

  @Test
  void killedRedisRefusesConnectionsAndComesBackEmpty() throws Exception {
    RedisServer redis = infrastructure.redisServer().orElseThrow();
    int port = Integer.parseInt(infrastructure.redisHosts().replaceAll(".*:", ""));
    long before = redis.pid();

    redis.kill();
    assertThrows(ConnectException.class, () -> connect(port).close());

    redis.start();
    assertTrue(redis.pid() != before);
    try (Socket socket = connect(port);
        BufferedReader replies =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals(
          "+OK", command(socket, replies, "AUTH", infrastructure.redisPassword().orElseThrow()));
      assertEquals("+PONG", command(socket, replies, "PING"));
    }
  }

  @Test
  void postgresRunsSql() throws Exception {
    try (Connection connection = infrastructure.jdbc();
        Statement statement = connection.createStatement()) {
      try (ResultSet one = statement.executeQuery("select 1")) {
        assertTrue(one.next());
        assertEquals(1, one.getInt(1));
      }
      statement.execute("create table smoke (id int primary key, name text not null)");
      statement.execute("insert into smoke values (1, 'first')");
      try (ResultSet rows = statement.executeQuery("select name from smoke where id = 1")) {
        assertTrue(rows.next());
        assertEquals("first", rows.getString(1));
      }
      try (ResultSet database = statement.executeQuery("select current_database()")) {
        assertTrue(database.next());
        assertEquals("orderflow", database.getString(1));
      }
    }
  }

  @Test
  void redisAnswersRespCommandsOnlyAfterAuthentication() throws Exception {
    int port = Integer.parseInt(infrastructure.redisHosts().replaceAll(".*:", ""));
    try (Socket socket = connect(port);
        BufferedReader replies =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      assertTrue(command(socket, replies, "GET", "greeting").startsWith("-NOAUTH"));
      assertTrue(command(socket, replies, "AUTH", "not-the-password").startsWith("-WRONGPASS"));
      assertEquals(
          "+OK", command(socket, replies, "AUTH", infrastructure.redisPassword().orElseThrow()));
      assertEquals("+PONG", command(socket, replies, "PING"));
      assertEquals("+OK", command(socket, replies, "SET", "greeting", "hello"));
      assertEquals("hello", command(socket, replies, "GET", "greeting"));
    }
  }

  /** Token state lives in Redis: when memory runs out it must refuse writes, never drop keys. */
  @Test
  void redisNeverEvictsKeys() throws Exception {
    int port = Integer.parseInt(infrastructure.redisHosts().replaceAll(".*:", ""));
    try (Socket socket = connect(port);
        BufferedReader replies =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      command(socket, replies, "AUTH", infrastructure.redisPassword().orElseThrow());
      assertEquals("*2", command(socket, replies, "CONFIG", "GET", "maxmemory-policy"));
      assertEquals("maxmemory-policy", bulkString(replies));
      assertEquals("noeviction", bulkString(replies));
    }
  }

  private static String bulkString(BufferedReader replies) throws IOException {
    replies.readLine(); // $<length>
    return replies.readLine();
  }

  private static RecordMetadata produce(String topic, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            infrastructure.kafkaClientConfig(), new StringSerializer(), new StringSerializer())) {
      return producer.send(new ProducerRecord<>(topic, "key", value)).get(10, TimeUnit.SECONDS);
    }
  }

  /** The value at the record's offset, read without a consumer group (no rebalance to wait for). */
  private static String consume(RecordMetadata sent) {
    TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            infrastructure.kafkaClientConfig(),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, sent.offset());
      Instant deadline = Instant.now().plusSeconds(15);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() == sent.offset()) {
            return record.value();
          }
        }
      }
      throw new AssertionError("No record at " + partition + "@" + sent.offset());
    }
  }

  private static Admin admin() {
    return Admin.create(infrastructure.kafkaClientConfig());
  }

  /** An admin client that logs in as {@code login} says (nothing: not at all), giving up soon. */
  private static Admin adminAs(Map<String, Object> login) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return Admin.create(config);
  }
}
