package dev.scribe.conformance;

import dev.scribe.mcp.Resource;
import dev.scribe.mcp.ResourceContents;
import dev.scribe.mcp.ResourceRegistry;
import dev.scribe.mcp.ResourceTemplate;
import java.util.List;

/** The resources and the template of the resources-* scenarios. */
final class FixtureResources {
  private FixtureResources() {}

  static ResourceRegistry registry() {
    return ResourceRegistry.builder()
        .add(
            Resource.of("test://static-text", "Static Text Resource", "A static text resource for testing", "text/plain"),
            (uri, vars) -> List.of(new ResourceContents.Text(uri, "text/plain", "This is the content of the static text resource.")))
        .add(
            Resource.of("test://static-binary", "Static Binary Resource", "A static binary resource (a PNG image)", "image/png"),
            (uri, vars) -> List.of(ResourceContents.Blob.of(uri, "image/png", Media.RED_PIXEL_PNG)))
        .add(
            // resources-subscribe / -unsubscribe subscribe to it; nothing ever changes it.
            Resource.of("test://watched-resource", "Watched Resource", "A resource clients may subscribe to", "text/plain"),
            (uri, vars) -> List.of(new ResourceContents.Text(uri, "text/plain", "Watched resource content")))
        .addTemplate(
            ResourceTemplate.of("test://template/{id}/data", "Resource Template", "A resource template with an id parameter", "application/json"),
            (uri, vars) -> {
              String id = vars.get("id");
              return List.of(new ResourceContents.Text(uri, "application/json",
                  "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}"));
            })
        .build();
  }
}
