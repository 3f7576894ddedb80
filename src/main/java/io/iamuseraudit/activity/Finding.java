package io.iamuseraudit.activity;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What is wrong with a user, most severe first. The codes appear in the CSV's
 * {@code findings}.
 */
public enum Finding {

	CONSOLE_WITHOUT_MFA(Severity.HIGH, "Console password without MFA"),
	ADMIN_ACCESS(Severity.HIGH, "Privileged policy attached directly"),
	INACTIVE(Severity.MEDIUM, "No activity for the inactivity threshold"),
	ACCESS_KEY_NOT_ROTATED(Severity.MEDIUM, "Active access key older than the rotation threshold"),
	UNUSED_ACCESS_KEY(Severity.MEDIUM, "Active access key never used or unused for the inactivity threshold"),
	NO_OWNER(Severity.MEDIUM, "No owner tag"), TWO_ACTIVE_KEYS(Severity.LOW, "Two active access keys"),
	DIRECT_POLICIES(Severity.LOW, "Policies attached to the user rather than a group");

	private final Severity severity;

	private final String description;

	Finding(Severity severity, String description) {
		this.severity = severity;
		this.description = description;
	}

	public Severity severity() {
		return this.severity;
	}

	public String description() {
		return this.description;
	}

	/** The CSV form: codes in this enum's order, separated by {@code ;}. */
	public static String join(Collection<Finding> findings) {
		return findings.stream().sorted().map(Finding::name).collect(Collectors.joining(";"));
	}

	/** Reads the CSV form; unknown codes (from a newer version) are ignored. */
	public static List<Finding> split(String codes) {
		if (codes == null || codes.isBlank()) {
			return List.of();
		}
		return Arrays.stream(codes.split(";"))
			.filter(code -> Arrays.stream(values()).anyMatch(finding -> finding.name().equals(code)))
			.map(Finding::valueOf)
			.sorted()
			.toList();
	}

}
