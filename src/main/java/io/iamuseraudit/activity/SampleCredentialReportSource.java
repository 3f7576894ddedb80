package io.iamuseraudit.activity;

import java.time.Instant;
import java.time.LocalDate;

import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.inventory.SampleOrganization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Credential reports from the sample organization's CSV files. Thread-safe. */
public final class SampleCredentialReportSource implements CredentialReportSource {

	private final SampleOrganization organization;

	private final CredentialReportParser parser;

	private final JsonNode generatedTimes;

	public SampleCredentialReportSource(SampleOrganization organization, CredentialReportParser parser,
			JsonMapper json) {
		this.organization = organization;
		this.parser = parser;
		this.generatedTimes = json.readTree(organization.credentialReportTimes());
	}

	@Override
	public CredentialReport fetch(MemberAccount account, LocalDate reportDate) {
		String csv = this.organization.credentialReport(account.id());
		if (csv == null) {
			throw new AccountAccessException("none in the sample for this account");
		}
		JsonNode generatedAt = this.generatedTimes.get(account.id());
		return this.parser.parse(csv,
				(generatedAt != null && generatedAt.isString()) ? Instant.parse(generatedAt.stringValue()) : null);
	}

}
