package io.iamuseraudit.fakeaws;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS {@code AssumeRole} (awsQuery, {@code Version=2011-06-15}): issues session keys that
 * identify the member account in later calls. A denied or missing role answers 403
 * AccessDenied, as STS does for both. Thread-safe.
 */
final class FakeSts {

	static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

	/** Starts every secret access key STS issues: recognisable wherever it might leak. */
	public static final String SECRET_PREFIX = "FAKESECRET-sts-";

	/** Starts every session token STS issues. */
	public static final String TOKEN_PREFIX = "FAKETOKEN-sts-";

	private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(.+)");

	private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

	private final Map<String, String> accountsByKey;

	private final AtomicInteger sessions = new AtomicInteger();

	private volatile Duration sessionDuration;

	FakeSts(Map<String, String> accountsByKey) {
		this.accountsByKey = accountsByKey;
	}

	/** Overrides the duration of the sessions issued ({@code null}: as requested). */
	void sessionDuration(Duration duration) {
		this.sessionDuration = duration;
	}

	String handle(FakeRequest request, FakeOrganization organization) {
		if (!request.operation().equals("AssumeRole")) {
			throw new AwsError(400, "InvalidAction", "Could not find operation " + request.operation());
		}
		String roleArn = String.valueOf(request.param("RoleArn"));
		String sessionName = String.valueOf(request.param("RoleSessionName"));
		if (!SESSION_NAME.matcher(sessionName).matches()) {
			throw new AwsError(400, "ValidationError", "1 validation error detected: Value '" + sessionName
					+ "' at 'roleSessionName' failed to satisfy constraint");
		}
		Matcher arn = ROLE_ARN.matcher(roleArn);
		FakeAccount account = arn.matches() ? organization.findAccount(arn.group(1)).orElse(null) : null;
		if (account == null || account.role != FakeAccount.Role.ASSUMABLE
				|| !arn.group(2).equals(organization.memberRoleName) || (account.requiredExternalId != null
						&& !account.requiredExternalId.equals(request.param("ExternalId")))) {
			throw new AwsError(403, "AccessDenied", "User: arn:aws:sts::" + request.accountId()
					+ ":assumed-role/AuditRunner/i-0123 is not authorized to perform: sts:AssumeRole on resource: "
					+ roleArn);
		}
		String accessKeyId = "ASIA%s%08d".formatted(account.id, this.sessions.incrementAndGet());
		this.accountsByKey.put(accessKeyId, account.id);
		Duration duration = (this.sessionDuration != null) ? this.sessionDuration
				: Duration.ofSeconds(Long.parseLong(request.form().getOrDefault("DurationSeconds", "3600")));
		Instant expiration = Instant.now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
		String result = "<Credentials>" + Xml.element("AccessKeyId", accessKeyId)
				+ Xml.element("SecretAccessKey", SECRET_PREFIX + accessKeyId)
				+ Xml.element("SessionToken", TOKEN_PREFIX + accessKeyId) + Xml.element("Expiration", expiration)
				+ "</Credentials><AssumedRoleUser>"
				+ Xml.element("AssumedRoleId", "AROAFAKE" + account.id + ":" + sessionName)
				+ Xml.element("Arn", "arn:aws:sts::" + account.id + ":assumed-role/" + arn.group(2) + "/" + sessionName)
				+ "</AssumedRoleUser>";
		return Xml.response("AssumeRole", NAMESPACE, result);
	}

}
