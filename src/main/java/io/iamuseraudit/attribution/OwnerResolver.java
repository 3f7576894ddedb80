package io.iamuseraudit.attribution;

import java.util.List;
import java.util.Locale;

import io.iamuseraudit.inventory.Tag;

/**
 * Finds a user's owner in its tags: the first configured key that the user carries with a
 * non-blank value wins; keys are compared case-insensitively. Thread-safe.
 */
public final class OwnerResolver {

	private final List<String> tagKeys;

	public OwnerResolver(List<String> tagKeys) {
		this.tagKeys = tagKeys.stream().map(key -> key.strip().toLowerCase(Locale.ROOT)).toList();
	}

	public Owner resolve(List<Tag> tags) {
		for (String wanted : this.tagKeys) {
			for (Tag tag : tags) {
				if (tag.key() != null && tag.key().strip().toLowerCase(Locale.ROOT).equals(wanted)
						&& tag.value() != null && !tag.value().isBlank()) {
					return new Owner(tag.value().strip(), tag.key());
				}
			}
		}
		return Owner.NONE;
	}

}
