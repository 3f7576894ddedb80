package io.iamuseraudit.activity;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.findings.*}: thresholds of the findings.
 *
 * @param inactiveDays days without activity after which a user (or an access key) counts
 * as inactive
 * @param keyMaxAgeDays age beyond which an active access key should have been rotated
 * @param privilegedPolicies managed policy names that raise {@code ADMIN_ACCESS} when
 * attached directly to a user
 */
public record FindingsProperties(@Min(1) @Max(3650) @DefaultValue("90") int inactiveDays,
		@Min(1) @Max(3650) @DefaultValue("90") int keyMaxAgeDays,
		@DefaultValue("AdministratorAccess") List<@NotBlank String> privilegedPolicies) {
}
