package dev.scribe.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency directions of DESIGN.md, checked on the compiled classes of every module. Maven
 * module boundaries enforce most of them already; these rules also catch imports that a module's
 * transitive dependencies would allow (the tools module sees Lucene through the search module, for
 * example, but its handlers must not use it).
 */
class DependencyRulesTest {
  private static JavaClasses scribe;

  @BeforeAll
  static void importClasses() {
    scribe =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scribe");
  }

  private static void check(ArchRule rule) {
    rule.check(scribe);
  }

  @Test
  void the_domain_and_the_event_log_ports_use_only_the_jdk() {
    check(
        noClasses()
            .that().resideInAnyPackage("dev.scribe.domain..", "dev.scribe.eventlog")
            .should().dependOnClassesThat()
            .resideInAnyPackage(
                "io.vertx..", "com.fasterxml..", "net.openhft..", "org.apache.lucene..",
                "org.slf4j..", "dev.scribe.codec..", "dev.scribe.mcp..", "dev.scribe.projections..",
                "dev.scribe.server..")
            .because("DESIGN.md: domain and the eventlog ports import only the JDK"));
  }

  @Test
  void the_mcp_protocol_knows_no_vertx_and_no_storage() {
    check(
        noClasses()
            .that().resideInAPackage("dev.scribe.mcp..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(
                "io.vertx..", "net.openhft..", "org.apache.lucene..", "dev.scribe.eventlog..",
                "dev.scribe.projections..", "dev.scribe.search..", "dev.scribe.domain..")
            .because("DESIGN.md: mcp imports no Vert.x and no storage"));
  }

  @Test
  void tool_handlers_know_no_transport_chronicle_or_lucene() {
    check(
        noClasses()
            .that().resideInAPackage("dev.scribe.tools..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(
                "io.vertx..", "net.openhft..", "org.apache.lucene..", "dev.scribe.transport..",
                "dev.scribe.eventlog.chronicle..", "dev.scribe.server..")
            .because("DESIGN.md: tool handlers import no transport and no Chronicle/Lucene"));
  }

  @Test
  void only_the_server_wires_implementations_together() {
    check(
        noClasses()
            .that().resideOutsideOfPackages("dev.scribe.server..", "dev.scribe.cli..", "dev.scribe.example..", "dev.scribe.bench..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.scribe.eventlog.chronicle..", "dev.scribe.transport..")
            .andShould().dependOnClassesThat().resideInAnyPackage("dev.scribe.server..")
            .because("DESIGN.md: only server wires implementations together"));
  }

  @Test
  void no_code_reads_the_wall_clock_outside_the_composition_root() {
    check(
        noClasses()
            .that().resideOutsideOfPackages("dev.scribe.server..", "dev.scribe.cli..", "dev.scribe.bench..")
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
            .because("time is injected (a Clock) everywhere but the composition root"));
  }
}
