package io.iamuseraudit.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.account.MemberAccountCredentials;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.aws.AwsErrors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * Each member account's IAM credential report, read with the account's audit session. A
 * report younger than four hours is reused (one call); otherwise a new one is generated
 * and polled with backoff until COMPLETE, then read. ReportNotPresent, ReportExpired,
 * ReportInProgress and LimitExceeded are steps of that dance, not failures. Thread-safe.
 */
public final class IamCredentialReportSource implements CredentialReportSource {

	/**
	 * IAM generates at most one report every four hours: a younger one is as fresh as it
	 * gets.
	 */
	static final Duration REUSE = Duration.ofHours(4);

	private static final Set<String> NOT_READY = Set.of("ReportNotPresent", "ReportExpired", "ReportInProgress");

	private final IamClient iam;

	private final MemberAccountCredentials credentials;

	private final CredentialReportParser parser;

	private final Polling polling;

	private final Clock clock;

	public IamCredentialReportSource(IamClient iam, MemberAccountCredentials credentials, CredentialReportParser parser,
			Polling polling, Clock clock) {
		this.iam = iam;
		this.credentials = credentials;
		this.parser = parser;
		this.polling = polling;
		this.clock = clock;
	}

	/**
	 * GenerateCredentialReport answers COMPLETE at once when a report younger than four
	 * hours exists.
	 */
	@Override
	public void prepare(MemberAccount account, LocalDate reportDate) {
		try {
			requestReport(account, this.credentials.forAccount(account, reportDate));
		}
		catch (SdkException | AccountAccessException ex) {
			// fetch() asks again and says why, if it still fails.
		}
	}

	@Override
	public CredentialReport fetch(MemberAccount account, LocalDate reportDate) {
		AwsCredentialsProvider session = this.credentials.forAccount(account, reportDate);
		try {
			GetCredentialReportResponse report = get(account, session);
			if (report == null || report.generatedTime() == null
					|| report.generatedTime().isBefore(this.clock.instant().minus(REUSE))) {
				report = generate(account, session);
			}
			if (report.content() == null) {
				throw new AccountAccessException("returned without content");
			}
			return this.parser.parse(report.content().asUtf8String(), report.generatedTime());
		}
		catch (IllegalArgumentException ex) {
			throw new AccountAccessException("unreadable: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AccountAccessException("interrupted while waiting for it", ex);
		}
		catch (SdkException ex) {
			String permission = AwsErrors.isAccessDenied(ex)
					? " (the audit role needs iam:GenerateCredentialReport and iam:GetCredentialReport)" : "";
			throw new AccountAccessException(AwsErrors.describe(ex) + permission, ex);
		}
	}

	/** Generates a report and waits for it. */
	private GetCredentialReportResponse generate(MemberAccount account, AwsCredentialsProvider session)
			throws InterruptedException {
		Instant deadline = this.clock.instant().plus(this.polling.timeout());
		Duration delay = this.polling.first();
		while (true) {
			if (requestReport(account, session) == ReportStateType.COMPLETE) {
				GetCredentialReportResponse report = get(account, session);
				if (report != null) {
					return report;
				}
			}
			if (this.clock.instant().isAfter(deadline)) {
				throw new AccountAccessException("not ready after " + this.polling.timeout());
			}
			Thread.sleep(delay.toMillis());
			delay = min(delay.multipliedBy(3).dividedBy(2), this.polling.max());
		}
	}

	private ReportStateType requestReport(MemberAccount account, AwsCredentialsProvider session) {
		try {
			return this.iam.generateCredentialReport(request -> request.overrideConfiguration(as(account, session)))
				.state();
		}
		catch (SdkException ex) {
			// LimitExceeded: a report is being generated already; keep polling.
			if ("LimitExceeded".equals(AwsErrors.code(ex))) {
				return ReportStateType.INPROGRESS;
			}
			throw ex;
		}
	}

	/** The current report, or {@code null} when there is none ready. */
	private GetCredentialReportResponse get(MemberAccount account, AwsCredentialsProvider session) {
		try {
			return this.iam.getCredentialReport(request -> request.overrideConfiguration(as(account, session)));
		}
		catch (SdkException ex) {
			if (NOT_READY.contains(AwsErrors.code(ex))) {
				return null;
			}
			throw ex;
		}
	}

	private static java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> as(MemberAccount account,
			AwsCredentialsProvider session) {
		return o -> o.credentialsProvider(session).putExecutionAttribute(ApiCallCounter.ACCOUNT, account.id());
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * How to wait for a report being generated.
	 *
	 * @param first the first wait, half as long again each time up to {@code max} (IAM
	 * usually needs a few seconds)
	 * @param timeout when to give up on the account
	 */
	public record Polling(Duration first, Duration max, Duration timeout) {

		public static final Polling DEFAULT = new Polling(Duration.ofMillis(500), Duration.ofSeconds(10),
				Duration.ofMinutes(5));

	}

}
