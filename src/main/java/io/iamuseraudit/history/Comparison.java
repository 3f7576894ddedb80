package io.iamuseraudit.history;

import java.util.List;

import io.iamuseraudit.activity.Finding;

/**
 * How a user compares with the previous completed audit.
 *
 * @param change {@code null} in a baseline audit (no earlier one to compare with)
 * @param detail what changed, for {@link Change#CHANGED} and {@link Change#REMOVED}
 * @param newFindings findings the user did not have before (all of them, for a new user)
 * @param resolvedFindings findings the user had and no longer has (all of them, for a
 * removed user)
 */
public record Comparison(Change change, String detail, List<Finding> newFindings, List<Finding> resolvedFindings) {

	public static final Comparison NONE = new Comparison(null, null, List.of(), List.of());

}
