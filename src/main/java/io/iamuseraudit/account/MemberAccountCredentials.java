package io.iamuseraudit.account;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.aws.AwsErrors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Credentials in each member account: STS {@code AssumeRole} into
 * {@code arn:aws:iam::<account>:role/<audit.aws.member-role-name>} (with the external id,
 * if configured) under the session name {@code iam-user-audit-<reportDate>}, so that the
 * account's own CloudTrail shows who read it. Sessions are assumed once per account and
 * audit, and refreshed by the SDK before they expire; a failure is remembered for the
 * audit, so the second source asking for the same account gets the same reason without
 * calling STS again. Thread-safe.
 */
public final class MemberAccountCredentials implements AutoCloseable {

	static final Duration SESSION = Duration.ofHours(1);

	private final StsClient sts;

	private final String roleName;

	private final String externalId;

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	public MemberAccountCredentials(StsClient sts, String roleName, String externalId) {
		this.sts = sts;
		this.roleName = roleName;
		this.externalId = externalId;
	}

	/**
	 * The account's credentials.
	 * @throws AccountAccessException when the role cannot be assumed, with the reason
	 */
	public AwsCredentialsProvider forAccount(MemberAccount account, LocalDate reportDate) {
		return this.sessions
			.computeIfAbsent(account.id() + "@" + reportDate, key -> new Session(account.id(), reportDate))
			.provider();
	}

	String roleArn(String accountId) {
		return "arn:aws:iam::" + accountId + ":role/" + this.roleName;
	}

	@Override
	public void close() {
		this.sessions.values().forEach(Session::close);
		this.sessions.clear();
	}

	/** One account's session: assumed on first use, or the reason it could not be. */
	private final class Session {

		private final AssumeRoleRequest request;

		private StsAssumeRoleCredentialsProvider provider;

		private AccountAccessException failure;

		Session(String accountId, LocalDate reportDate) {
			this.request = AssumeRoleRequest.builder()
				.roleArn(roleArn(accountId))
				.roleSessionName("iam-user-audit-" + reportDate)
				.durationSeconds((int) SESSION.toSeconds())
				.externalId(MemberAccountCredentials.this.externalId)
				.overrideConfiguration(o -> o.putExecutionAttribute(ApiCallCounter.ACCOUNT, accountId))
				.build();
		}

		synchronized AwsCredentialsProvider provider() {
			if (this.failure != null) {
				throw this.failure;
			}
			if (this.provider == null) {
				StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
					.stsClient(MemberAccountCredentials.this.sts)
					.refreshRequest(this.request)
					.asyncCredentialUpdateEnabled(false)
					.build();
				try {
					assumed.resolveCredentials();
				}
				catch (SdkException ex) {
					assumed.close();
					this.failure = new AccountAccessException(reason(ex), ex);
					throw this.failure;
				}
				this.provider = assumed;
			}
			return this.provider;
		}

		private String reason(SdkException ex) {
			String role = this.request.roleArn();
			if (AwsErrors.isAccessDenied(ex) || "NoSuchEntity".equals(AwsErrors.code(ex))) {
				return "cannot assume " + role + ": access denied (the role is missing from the account, or its "
						+ "trust policy does not allow the audit's role"
						+ ((MemberAccountCredentials.this.externalId != null) ? " with the configured external id" : "")
						+ ")";
			}
			return "cannot assume " + role + ": " + AwsErrors.describe(ex);
		}

		synchronized void close() {
			if (this.provider != null) {
				this.provider.close();
			}
		}

	}

}
