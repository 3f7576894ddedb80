package io.iamuseraudit.inventory;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.sample.*}: the bundled sample organization.
 *
 * @param location folder with the sample files; a path relative to the working directory
 * falls back to the copy bundled in the jar when it does not exist there
 */
public record SampleProperties(@NotBlank @DefaultValue("jobs/sample-organization") String location) {
}
