package io.iamuseraudit.inventory;

import java.util.List;

import io.iamuseraudit.OperatorFiles;

import org.springframework.core.io.Resource;

/**
 * The files of the bundled sample organization ({@code jobs/sample-organization/}), each
 * shaped like the AWS response it stands for. Thread-safe.
 */
public final class SampleOrganization {

	private final String location;

	public SampleOrganization(String location) {
		this.location = location.endsWith("/") ? location : location + "/";
	}

	/** Rows of {@code SelectAggregateResourceConfig}, one JSON document per line. */
	public List<String> inventoryRows() {
		return lines("config-query-results.jsonl");
	}

	/** {@code CreateUser} records as CloudTrail's {@code LookupEvents} returns them. */
	public List<String> createUserEvents() {
		return lines("cloudtrail-events.jsonl");
	}

	/** Organizations {@code ListAccounts} output. */
	public String accounts() {
		return OperatorFiles.read(file("accounts.json"));
	}

	/**
	 * The account's IAM credential report CSV, or {@code null} when the sample has none.
	 */
	public String credentialReport(String accountId) {
		Resource report = file("credential-reports/" + accountId + ".csv");
		return report.exists() ? OperatorFiles.read(report) : null;
	}

	/**
	 * When each account's credential report was generated (JSON object: account id to
	 * time).
	 */
	public String credentialReportTimes() {
		return OperatorFiles.read(file("credential-reports/generated-times.json"));
	}

	public String description() {
		return "sample organization (" + this.location.substring(0, this.location.length() - 1) + ")";
	}

	private List<String> lines(String name) {
		return OperatorFiles.read(file(name)).lines().filter(line -> !line.isBlank()).toList();
	}

	private Resource file(String name) {
		return OperatorFiles.locate(this.location + name);
	}

}
