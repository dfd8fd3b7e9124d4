package dev.scribe.conformance;

import dev.scribe.mcp.Completion;
import dev.scribe.mcp.CompletionHandler;
import dev.scribe.mcp.CompletionRef;
import dev.scribe.mcp.Content;
import dev.scribe.mcp.PromptArgument;
import dev.scribe.mcp.PromptDefinition;
import dev.scribe.mcp.PromptMessage;
import dev.scribe.mcp.PromptRegistry;
import dev.scribe.mcp.PromptResult;
import dev.scribe.mcp.ResourceContents;
import java.util.List;

/** The prompts of the prompts-* scenarios, and completion of their arguments. */
final class FixturePrompts {
  private FixturePrompts() {}

  static PromptRegistry registry() {
    return PromptRegistry.builder()
        .add(
            PromptDefinition.of("test_simple_prompt", "A simple prompt without arguments"),
            args -> PromptResult.of(PromptMessage.user(new Content.Text("This is a simple prompt for testing."))))
        .add(
            PromptDefinition.of(
                "test_prompt_with_arguments",
                "A prompt with required arguments",
                new PromptArgument("arg1", "First test argument", true),
                new PromptArgument("arg2", "Second test argument", true)),
            args -> PromptResult.of(PromptMessage.user(new Content.Text(
                "Prompt with arguments: arg1='" + args.get("arg1") + "', arg2='" + args.get("arg2") + "'"))))
        .add(
            PromptDefinition.of(
                "test_prompt_with_embedded_resource",
                "A prompt that embeds a resource",
                new PromptArgument("resourceUri", "URI of the resource to embed", true)),
            args -> PromptResult.of(
                PromptMessage.user(new Content.EmbeddedResource(new ResourceContents.Text(
                    args.get("resourceUri"), "text/plain", "Embedded resource content for testing."))),
                PromptMessage.user(new Content.Text("Please process the embedded resource above."))))
        .add(
            PromptDefinition.of("test_prompt_with_image", "A prompt with an image"),
            args -> PromptResult.of(
                PromptMessage.user(Content.Image.of(Media.RED_PIXEL_PNG, "image/png")),
                PromptMessage.user(new Content.Text("Please analyze the image above."))))
        .build();
  }

  private static final List<String> ARG1_VALUES = List.of("paris", "park", "party", "test", "testing");

  /** Suggests values for test_prompt_with_arguments.arg1 by prefix; nothing for anything else. */
  static CompletionHandler completions() {
    return request -> {
      if (request.ref() instanceof CompletionRef.PromptRef p
          && p.name().equals("test_prompt_with_arguments")
          && request.argumentName().equals("arg1")) {
        return Completion.of(
            ARG1_VALUES.stream().filter(v -> v.startsWith(request.argumentValue())).toList());
      }
      return Completion.EMPTY;
    };
  }
}
