package io.iamuseraudit.fakeaws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM's credential report (awsQuery, {@code Version=2010-05-08}) of the calling account:
 * {@code GenerateCredentialReport} answers STARTED, INPROGRESS until the account's number
 * of polls is reached (or, when a generation time is set, until that time has passed
 * since the first call), then COMPLETE (at once when a report younger than four hours
 * exists); {@code GetCredentialReport} answers ReportNotPresent (410), ReportExpired
 * (410) or ReportInProgress (404) where IAM would. Thread-safe.
 */
final class FakeIam {

	static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

	private static final Duration FRESH = Duration.ofHours(4);

	private final Map<String, int[]> generating = new ConcurrentHashMap<>();

	private final Map<String, Instant> generationStarted = new ConcurrentHashMap<>();

	private volatile Duration generationTime;

	/**
	 * How long IAM takes to generate a report, instead of a number of polls; {@code null}
	 * for polls.
	 */
	void generationTime(Duration duration) {
		this.generationTime = duration;
	}

	String handle(FakeRequest request, FakeOrganization organization) {
		FakeAccount account = organization.findAccount(request.accountId())
			.orElseThrow(() -> new AwsError(403, "AccessDenied", "not a member account: " + request.accountId()));
		synchronized (account) {
			return switch (request.operation()) {
				case "GenerateCredentialReport" -> generate(account);
				case "GetCredentialReport" -> get(account);
				default -> throw new AwsError(400, "InvalidAction", "Could not find operation " + request.operation());
			};
		}
	}

	private String generate(FakeAccount account) {
		Instant now = Instant.now();
		if (this.generationTime != null) {
			return Xml.response("GenerateCredentialReport", NAMESPACE,
					Xml.element("State", generateTimed(account, now)));
		}
		int[] pollsLeft = this.generating.get(account.id);
		String state;
		if (pollsLeft == null && fresh(account, now)) {
			state = "COMPLETE";
		}
		else if (pollsLeft == null) {
			pollsLeft = new int[] { account.reportGenerationPolls };
			this.generating.put(account.id, pollsLeft);
			state = "STARTED";
			if (pollsLeft[0] <= 0) {
				state = complete(account, now);
			}
		}
		else {
			pollsLeft[0]--;
			state = (pollsLeft[0] <= 0) ? complete(account, now) : "INPROGRESS";
		}
		return Xml.response("GenerateCredentialReport", NAMESPACE,
				Xml.element("State", state) + Xml.element("Description", "report " + state.toLowerCase()));
	}

	private String generateTimed(FakeAccount account, Instant now) {
		if (!this.generationStarted.containsKey(account.id) && fresh(account, now)) {
			return "COMPLETE";
		}
		Instant started = this.generationStarted.putIfAbsent(account.id, now);
		if (finishedTimed(account, now)) {
			return "COMPLETE";
		}
		return (started == null) ? "STARTED" : "INPROGRESS";
	}

	private boolean finishedTimed(FakeAccount account, Instant now) {
		Instant started = this.generationStarted.get(account.id);
		if (started == null || now.isBefore(started.plus(this.generationTime))) {
			return false;
		}
		complete(account, now);
		return true;
	}

	private String complete(FakeAccount account, Instant now) {
		this.generationStarted.remove(account.id);
		this.generating.remove(account.id);
		account.credentialReportAt = now.truncatedTo(ChronoUnit.SECONDS);
		account.credentialReportExpired = false;
		return "COMPLETE";
	}

	private String get(FakeAccount account) {
		if (this.generationStarted.containsKey(account.id) && !finishedTimed(account, Instant.now())) {
			throw new AwsError(404, "ReportInProgress", "Report generation in progress. Try again later.");
		}
		if (this.generating.containsKey(account.id)) {
			throw new AwsError(404, "ReportInProgress", "Report generation in progress. Try again later.");
		}
		if (account.credentialReportAt == null) {
			throw new AwsError(410, "ReportNotPresent",
					"Credential report not present. Call GenerateCredentialReport.");
		}
		if (account.credentialReportExpired) {
			throw new AwsError(410, "ReportExpired", "Credential report expired. Call GenerateCredentialReport.");
		}
		String csv = (account.credentialReportContent != null) ? account.credentialReportContent
				: FakeDocuments.credentialReport(account, account.credentialReportAt);
		return Xml.response("GetCredentialReport", NAMESPACE,
				Xml.element("Content", Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8)))
						+ Xml.element("ReportFormat", "text/csv")
						+ Xml.element("GeneratedTime", account.credentialReportAt));
	}

	private static boolean fresh(FakeAccount account, Instant now) {
		return account.credentialReportAt != null && !account.credentialReportExpired
				&& account.credentialReportAt.isAfter(now.minus(FRESH));
	}

}
