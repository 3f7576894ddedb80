package io.iamuseraudit.attribution;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.owner.*}.
 *
 * @param tagKeys tag keys that name a user's owner, in order of preference, compared
 * case-insensitively
 */
public record OwnerProperties(@NotEmpty @DefaultValue( {
		"owner", "technical-owner", "team", "contact" }) List<@NotBlank String> tagKeys){
}
